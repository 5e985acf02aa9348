import { PageHeaderSkeleton } from "@/components/ui/skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div role="status" aria-label="Loading the policy">
      <PageHeaderSkeleton />
      <div className="grid gap-4 lg:grid-cols-2">
        <Skeleton className="h-[26rem]" />
        <Skeleton className="h-[26rem]" />
      </div>
    </div>
  );
}
