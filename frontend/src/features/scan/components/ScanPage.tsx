/** /scan: sign the station in, choose its gate, then scan. */
import { Loading, PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { DeviceSignIn } from "./DeviceSignIn";
import { GatePicker } from "./GatePicker";
import { ScanHeader } from "./ScanHeader";
import { Station } from "./Station";
import { useStationAuth } from "../hooks/useStationAuth";
import "../scan.css";

export default function ScanPage() {
  const { t } = useI18n();
  const { state, gate, setGate, signIn, signOut, retry } = useStationAuth();

  if (state.status === "signedIn" && gate) {
    return (
      <Station
        device={state.device}
        gate={gate}
        onChangeGate={gate.choices > 1 ? () => setGate(null) : undefined}
        onSignOut={signOut}
      />
    );
  }

  return (
    <div className="scan-app">
      <ScanHeader device={state.status === "signedIn" ? state.device : null} onSignOut={signOut} />
      <main id="main" className="page narrow scan-setup">
        {state.status === "checking" && (
          <>
            <PageTitle title={t("scan.title")}>{t("scan.title")}</PageTitle>
            <Loading />
          </>
        )}
        {state.status === "unreachable" && (
          <>
            <PageTitle title={t("scan.title")}>{t("scan.title")}</PageTitle>
            <div className="notice notice-error" role="alert">
              <span>{t("scan.signIn.offlineStart")}</span>
              <button type="button" className="btn btn-small" onClick={() => void retry()}>
                {t("common.retry")}
              </button>
            </div>
          </>
        )}
        {state.status === "signedOut" && <DeviceSignIn revoked={state.revoked} onSignIn={signIn} />}
        {state.status === "signedIn" && <GatePicker device={state.device} onPick={setGate} />}
      </main>
    </div>
  );
}
