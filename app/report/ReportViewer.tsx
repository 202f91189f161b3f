"use client";
import { useRef, useState } from "react";
import { CopySummary } from "@/components/CopySummary";
import { Icon } from "@/components/Icon";
import styles from "@/components/report.module.css";
import { StateBadge } from "@/components/StateBadge";
import { OverallAlert, StatusOverview } from "@/components/StatusOverview";
import { useFocusOnChange } from "@/components/useFocusOnChange";
import type { DiagnosticReport } from "@/lib/report/report-schema";
import { parseReport, REPORT_MAX_BYTES, type ReportRead, tooLarge } from "@/lib/report/report-schema";
import { reportOverall, reportSummary } from "@/lib/report/summary";

type Problem = Extract<ReportRead, { ok: false }>;

/** "4 Dec 2026, 16:58:44 UTC": the same for everyone reading the report, wherever they are. */
function taken(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" })} UTC`;
}

function ReportView({ report, fileName }: { report: DiagnosticReport; fileName: string }) {
  const overall = reportOverall(report);
  const c = report.creatio;
  const build = [c.version ? `Creatio ${c.version}` : null, c.runtimeLabel].filter(Boolean).join(" on ");
  return (
    <>
      <div className={styles.stamp}>
        <h2 className={styles.stampTitle}>
          Report from {c.url}, taken <time dateTime={report.generatedAt}>{taken(report.generatedAt)}</time>,
          wizard {report.wizard.version}
        </h2>
        <p className={styles.stampFacts}>
          {build || "Creatio version unknown"} · {c.userName ? `signed in as ${c.userName}` : "not signed in"}{" "}
          · Identity Service {report.identityServiceUrl ?? "(none known)"} · file {fileName}
        </p>
        <p className={styles.stampFacts}>
          Read-only: this is what the wizard saw when the report was taken, not the state of Creatio now.
        </p>
      </div>
      <OverallAlert overall={overall} />
      {report.steps ? (
        <>
          <h2>Setup steps</h2>
          <ol className={styles.steps} aria-label="Setup steps in the report">
            {report.steps.map((step) => (
              <li key={step.number}>
                <span className={styles.stepHead}>
                  <span>
                    {step.number}. {step.title}
                  </span>
                  <StateBadge state={step.state} />
                </span>
                <span className={styles.stepWhy}>{step.summary}</span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <StatusOverview overall={overall} diagnoses={report.diagnoses} groups={report.groups} />
      {report.failedRequests.length > 0 ? (
        <>
          <h2>Failed requests</h2>
          <p>Each as a curl command; secrets are placeholders such as &lt;PASSWORD&gt;.</p>
          {report.failedRequests.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the report's own order; the same call can repeat.
            <details key={i} className="calls">
              <summary>
                {r.checkTitle}: {r.method} {r.url} ({r.status ?? "no answer"}, {Math.round(r.ms)} ms)
              </summary>
              <pre className={styles.curl}>
                <code>{r.curl}</code>
              </pre>
            </details>
          ))}
        </>
      ) : null}
      <h2>Summary for a ticket</h2>
      <CopySummary summary={reportSummary(report, overall)} />
    </>
  );
}

/**
 * Drop or choose a report file; it is read here, in the browser, checked with the schema the wizard writes
 * reports with, and shown read-only. A file that is too large is refused before it is read.
 */
export function ReportViewer() {
  const [result, setResult] = useState<{
    n: number;
    fileName: string;
    read: { ok: true; report: DiagnosticReport } | Problem;
  } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [reading, setReading] = useState(false);
  const outRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  useFocusOnChange(outRef, result?.n ?? null);

  const open = async (file: File | undefined) => {
    if (!file) return;
    setReading(true);
    let read: ReportRead;
    if (file.size > REPORT_MAX_BYTES) read = tooLarge(file.name, file.size);
    else {
      try {
        read = parseReport(file.name, await file.text());
      } catch {
        read = {
          ok: false,
          problem: "not-json",
          title: "This file could not be read",
          message: `The browser could not read ${file.name}.`,
          fix: "Save the file again and choose it once more.",
        };
      }
    }
    setReading(false);
    setResult((r) => ({ n: (r?.n ?? 0) + 1, fileName: file.name, read }));
    if (inputRef.current) inputRef.current.value = "";
  };

  return (
    <>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop target only adds drag and drop; the file input inside is the keyboard way. */}
      <div
        className={`${styles.drop} ${dragging ? styles.dropActive : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void open(e.dataTransfer.files[0]);
        }}
      >
        <label htmlFor="report-file" className={styles.dropLabel}>
          Report file (JSON)
        </label>
        <input
          id="report-file"
          ref={inputRef}
          type="file"
          accept=".json,application/json"
          aria-describedby="report-file-hint"
          onChange={(e) => void open(e.target.files?.[0])}
        />
        <p id="report-file-hint" className="hint">
          Drop the file here or choose it. The JSON file from &ldquo;Download report&rdquo;, up to{" "}
          {REPORT_MAX_BYTES / 1024 / 1024} MB.
        </p>
      </div>
      {reading ? (
        <p role="status">
          <Icon name="spinner" /> Reading the file…
        </p>
      ) : null}
      <div ref={outRef} tabIndex={-1} className={styles.out}>
        {result && !result.read.ok ? (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">
              <Icon name="cross" />
              <strong>{result.read.title}</strong>
            </p>
            <p>{result.read.message}</p>
            <p>
              <strong>Fix:</strong> {result.read.fix}
            </p>
          </div>
        ) : null}
        {result?.read.ok ? (
          <ReportView key={result.n} report={result.read.report} fileName={result.fileName} />
        ) : null}
      </div>
    </>
  );
}
