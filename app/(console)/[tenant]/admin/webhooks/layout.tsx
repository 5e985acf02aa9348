// The list's loading boundary lives in (list), so it does not wrap [webhookId]: a missing webhook
// answers 404 from its layout, not a 200 stream.
import { sectionLayout } from "../../../_lib/section-layout";

export default sectionLayout("webhook.read");
