import { PageHeaderSkeleton, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <PageHeaderSkeleton />
      <Skeleton className="mb-4 h-11" />
      <TableSkeleton label="Loading campaigns" rows={8} />
    </>
  );
}
