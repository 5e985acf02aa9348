import { notFound } from "next/navigation";

/** Unknown paths inside a tenant answer 404 within the console (the layout has already checked the tenant). */
export default function UnknownPage() {
  notFound();
}
