import { PageHeaderSkeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <PageHeaderSkeleton />
      <TableSkeleton label="Loading the webhook" rows={2} />
      <div className="mt-6"><TableSkeleton label="Loading deliveries" rows={5} /></div>
    </>
  );
}
