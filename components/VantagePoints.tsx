import { CheckTree } from "@/components/CheckTree";
import type { CheckGroup } from "@/lib/diagnostics/types";
import styles from "./checks.module.css";

// The two vantage points on the Identity Service, side by side: what the wizard's server reaches, and
// what Creatio's server reaches (its OAuth health check). The list names are stable (tests use them).
export const WIZARD_VIEW_LABEL = "The wizard server's view";
export const CREATIO_VIEW_LABEL = "Creatio's view";

export function VantagePoints({ wizard, creatio }: { wizard: CheckGroup; creatio: CheckGroup }) {
  return (
    <div className={styles.vantage}>
      <section aria-labelledby="view-wizard">
        <CheckTree
          id="view-wizard"
          group={wizard}
          headingLevel={3}
          title="From the wizard's server"
          label={WIZARD_VIEW_LABEL}
          intro="DNS, connection, certificate, discovery document and a client-credentials token, asked from where the wizard runs."
          serverName="The Identity Service"
        />
      </section>
      <section aria-labelledby="view-creatio">
        <CheckTree
          id="view-creatio"
          group={creatio}
          headingLevel={3}
          title="From Creatio's server"
          label={CREATIO_VIEW_LABEL}
          intro="Creatio's OAuth health check: what Creatio's own server reaches with the settings it holds."
        />
      </section>
    </div>
  );
}
