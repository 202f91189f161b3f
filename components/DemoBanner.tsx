import Link from "next/link";
import { resetDemoAction } from "@/app/demo/actions";
import { getWizardSession } from "@/lib/session/current";
import { demoBannerView, demoConfig } from "@/lib/wizard/demo";
import styles from "./Demo.module.css";
import { DemoResetButton } from "./DemoResetButton";
import { SCENARIOS_PATH } from "./ScenarioPicker";

/**
 * Says on every page that the demo is in use, and which scenario: reads this browser's session, so no
 * page has to pass it. Nothing shows while the browser works with a real Creatio.
 */
export async function DemoBanner() {
  const view = demoBannerView(demoConfig(), await getWizardSession());
  if (!view) return null;
  return (
    <div className="demo-banner">
      <div className={`inner ${styles.bannerInner}`}>
        {view.kind === "own" ? (
          <>
            <p className={styles.bannerText}>
              <strong>Demo</strong> Scenario: <span className={styles.scenario}>{view.title}</span>. This
              browser&apos;s own demo Creatio; nothing here touches a real Creatio.
            </p>
            <div className={styles.bannerActions}>
              <Link href={`${SCENARIOS_PATH}#${view.scenario}`} prefetch={false}>
                About this scenario
              </Link>
              <DemoResetButton reset={resetDemoAction} />
            </div>
          </>
        ) : (
          <p className={styles.bannerText}>
            <strong>Demo</strong> Signed in to a demo Creatio of the embedded demo, not a real one.
          </p>
        )}
      </div>
    </div>
  );
}
