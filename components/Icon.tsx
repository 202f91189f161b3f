// Small inline icons. Always decorative (aria-hidden): the meaning is in the text next to them.
export type IconName = "check" | "cross" | "circle" | "question" | "warning" | "info" | "spinner";

const PATHS: Record<Exclude<IconName, "spinner">, React.ReactNode> = {
  check: (
    <path
      d="M4 8.5l2.5 2.5L12 5.5"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  ),
  cross: (
    <path d="M5 5l6 6M11 5l-6 6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
  ),
  circle: <circle cx="8" cy="8" r="5" fill="none" stroke="currentColor" strokeWidth="1.6" />,
  question: (
    <>
      <path
        d="M6 6.2a2 2 0 1 1 2.9 1.8c-.6.3-.9.7-.9 1.3v.4"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
      <circle cx="8" cy="12" r="1" fill="currentColor" />
    </>
  ),
  warning: (
    <>
      <path d="M8 3.5v5.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      <circle cx="8" cy="12" r="1.1" fill="currentColor" />
    </>
  ),
  info: (
    <>
      <path d="M8 7v5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      <circle cx="8" cy="4.2" r="1.1" fill="currentColor" />
    </>
  ),
};

export function Icon({ name, className }: { name: IconName; className?: string }) {
  if (name === "spinner") {
    return (
      <svg
        className={`icon spinner ${className ?? ""}`}
        viewBox="0 0 16 16"
        width="16"
        height="16"
        aria-hidden="true"
        focusable="false"
      >
        <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeOpacity="0.25" strokeWidth="2" />
        <path
          d="M14 8a6 6 0 0 0-6-6"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
        />
      </svg>
    );
  }
  return (
    <svg
      className={`icon ${className ?? ""}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
