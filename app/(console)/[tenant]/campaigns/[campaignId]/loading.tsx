import { PageHeaderSkeleton, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <PageHeaderSkeleton />
      <Skeleton className="mb-4 h-24" />
      <Skeleton className="mb-4 h-16" />
      <TableSkeleton label="Loading the campaign" rows={8} />
    </>
  );
}
