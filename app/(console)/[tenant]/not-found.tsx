import Link from "next/link";

export default function ConsoleNotFound() {
  return (
    <div className="flex flex-col items-center justify-center px-4 py-16 text-center">
      <p className="text-sm font-semibold text-indigo-700">404</p>
      <h1 className="mt-2 text-xl font-semibold text-slate-900">Page not found</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">This page does not exist in this tenant, or it is not available to you.</p>
      <Link href="/" className="mt-5 text-sm font-medium text-indigo-700 hover:underline">Go to your tenant&apos;s overview</Link>
    </div>
  );
}
