/** Says on every page that the embedded demo is in use. */
export function DemoBanner() {
  return (
    <div className="demo-banner">
      <p className="inner">
        <strong>Demo</strong>
        <span>
          The embedded demo Creatio and Identity Service are running. Nothing here touches a real Creatio.
        </span>
      </p>
    </div>
  );
}
