import { sectionLayout } from "../../_lib/section-layout";

export default sectionLayout("cost.read");
