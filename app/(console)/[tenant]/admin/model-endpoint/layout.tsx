import { sectionLayout } from "../../../_lib/section-layout";

export default sectionLayout("model_endpoint.read");
