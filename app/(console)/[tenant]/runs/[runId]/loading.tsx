import { PageHeaderSkeleton, Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div role="status" aria-label="Loading the run">
      <PageHeaderSkeleton />
      <Skeleton className="mb-4 h-32" />
      <Skeleton className="h-96" />
    </div>
  );
}
