// `/report`: a report file opened read-only (support's side), with the status page's own components.
import type { Locator, Page } from "@playwright/test";
import { StatusDiagnostics } from "./diagnostics";

export class ReportPage extends StatusDiagnostics {
  readonly heading: Locator;
  readonly fileInput: Locator;
  /** "Report from <Creatio URL>, taken <time>, wizard <version>". */
  readonly stamp: Locator;
  readonly alert: Locator;
  readonly steps: Locator;
  /** The drop target around the file input. */
  readonly dropTarget: Locator;

  constructor(page: Page) {
    super(page);
    this.heading = page.getByRole("heading", { name: "Open a report", level: 1 });
    this.fileInput = page.getByLabel("Report file (JSON)", { exact: true });
    this.stamp = page.getByRole("heading", { name: /^Report from / });
    this.alert = page.getByRole("main").getByRole("alert");
    this.steps = page.getByRole("list", { name: "Setup steps in the report", exact: true });
    this.dropTarget = page.locator("div", { has: this.fileInput }).last();
  }

  async goto(): Promise<void> {
    await this.page.goto("/report");
  }

  async open(name: string, content: string | Buffer): Promise<void> {
    await this.fileInput.setInputFiles({
      name,
      mimeType: "application/json",
      buffer: typeof content === "string" ? Buffer.from(content, "utf8") : content,
    });
  }

  /** Drops a file on the drop target, as a file dragged from the desktop. */
  async drop(name: string, content: string): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle(
      ([fileName, text]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], fileName, { type: "application/json" }));
        return transfer;
      },
      [name, content] as const,
    );
    await this.dropTarget.dispatchEvent("dragover", { dataTransfer });
    await this.dropTarget.dispatchEvent("drop", { dataTransfer });
  }
}
