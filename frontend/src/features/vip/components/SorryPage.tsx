/**
 * /sorry: one page, one message, for every phone that cannot book (not invited, no longer
 * invited, already booked): nothing here depends on why, so nothing tells who is on the list.
 */
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { DEFAULT_EVENT, passSignInPath, readFlow, verifyPath, writeFlow } from "../lib/flow";
import { Divider, Ornament, VipPage } from "./parts";

export default function SorryPage() {
  const { t } = useI18n();
  const [event] = useState(() => readFlow()?.event ?? DEFAULT_EVENT);
  useEffect(() => {
    // Forget the phone and its code: only the invitation link's event stays.
    writeFlow({ event });
  }, [event]);
  const title = t("vip.sorry.title");
  return (
    <VipPage>
      <div className="vip-crest vip-crest-muted">
        <Ornament size={48} />
      </div>
      <PageTitle title={title}>{title}</PageTitle>
      <div className="vip-sorry" data-testid="vip-sorry">
        <p className="vip-lede">{t("vip.sorry.lead")}</p>
        <p className="vip-text">{t("vip.sorry.help")}</p>
      </div>
      <Divider />
      <Link className="btn btn-block btn-ghost vip-btn-quiet" to={verifyPath(event)}>
        {t("vip.sorry.again")}
      </Link>
      <p className="vip-fine">
        {/* The same for every refused phone: a booked guest signs in to see their pass. */}
        <Link to={passSignInPath(event)}>{t("vip.pass.signIn")}</Link>
      </p>
    </VipPage>
  );
}
