/** Facts on one line with a thin bar between them (a dot would read as an Arabic zero). */
import type { ReactNode } from "react";

export function Meta({ children, className = "" }: { children: ReactNode[]; className?: string }) {
  const parts = children.filter((part) => part !== null && part !== undefined && part !== false && part !== "");
  return (
    <span className={`co-meta ${className}`}>
      <span className="co-meta-line">
        {parts.map((part, index) => (
          <span key={index}>{part}</span>
        ))}
      </span>
    </span>
  );
}
