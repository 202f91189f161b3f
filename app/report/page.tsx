import type { Metadata } from "next";
import { ReportViewer } from "@/app/report/ReportViewer";
import { AppHeader } from "@/components/AppHeader";
import { demoConfig } from "@/lib/wizard/demo";

// /report: a customer's report file (the JSON from "Download report"), opened read-only with the status
// page's own components. The file is read in this browser only: nothing is uploaded, nothing is sent to
// Creatio, and no Creatio session is needed (the access password, when set, guards it like every page).

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Open a report" };

export default function ReportPage() {
  return (
    <>
      <AppHeader demo={demoConfig() !== null} connection={null} />
      <main id="main" tabIndex={-1}>
        <h1>Open a report</h1>
        <p className="lead">
          For support: open the JSON report a customer downloaded from the wizard&apos;s Connection status
          page, and read it as the wizard shows it. The file stays in this browser: it is not uploaded, and
          nothing is sent to Creatio.
        </p>
        <ReportViewer />
      </main>
    </>
  );
}
