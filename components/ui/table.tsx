import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

/** A dense data table in a card; caption names it for screen readers. */
export function Table({ caption, children, footer }: { caption: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
      {/* Focusable and named, so keyboard users can scroll a table wider than the screen. */}
      <div className="relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-indigo-600" role="region" aria-label={caption} tabIndex={0}>
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          {children}
        </table>
      </div>
      {footer ? <div className="border-t border-slate-200 px-4 py-2">{footer}</div> : null}
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium text-slate-600">
      <tr>{children}</tr>
    </thead>
  );
}

export function Th({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cn("px-4 py-2 font-medium whitespace-nowrap", className)} {...rest} />;
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
}

/** A row; onClick makes the whole row a mouse target (keep a real link inside it for the keyboard). */
export function Tr({ children, className, onClick }: { children: ReactNode; className?: string; onClick?: () => void }) {
  return <tr onClick={onClick} className={cn("hover:bg-slate-50/70", onClick && "cursor-pointer", className)}>{children}</tr>;
}

export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-4 py-2.5 align-middle text-slate-800", className)} {...rest} />;
}
