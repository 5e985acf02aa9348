import { sectionLayout } from "../../../_lib/section-layout";

export default sectionLayout("verifier_profile.read");
