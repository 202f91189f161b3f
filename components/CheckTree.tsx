import type { CheckGroup } from "@/lib/diagnostics/types";
import { CheckList, VerdictBadge } from "./CheckList";
import styles from "./checks.module.css";

/**
 * A group of checks under its heading and overall verdict: the layered check (DNS down to rights, where
 * a failed layer leaves the ones below "Not run"), or one vantage point on the Identity Service.
 */
export function CheckTree({
  group,
  headingLevel = 2,
  title = group.title,
  label = title,
  intro,
  serverName,
  id,
}: {
  group: CheckGroup;
  headingLevel?: 2 | 3;
  title?: string;
  /** The list's accessible name (default: the title). */
  label?: string;
  intro?: React.ReactNode;
  serverName?: string;
  /** The heading's id, for aria-labelledby of a surrounding section. */
  id?: string;
}) {
  const Heading = `h${headingLevel}` as "h2" | "h3";
  return (
    <>
      <div className={styles.groupHead}>
        <Heading id={id}>{title}</Heading>
        <VerdictBadge verdict={group.verdict} />
      </div>
      {intro ? <p className={styles.groupIntro}>{intro}</p> : null}
      <CheckList
        checks={group.checks}
        label={label}
        headingLevel={headingLevel === 2 ? 3 : 4}
        serverName={serverName}
      />
    </>
  );
}
