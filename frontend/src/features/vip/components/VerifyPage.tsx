/** /verify: the invitation, and the phone it was sent to; a code goes out only to the invited. */
import { useEffect, useId, useState } from "react";
import type { FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ApiError } from "../../../api/client";
import { normalisePhone } from "../../../shared/auth/otp";
import { PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { fetchEvent, findLiveBooking, requestVipCode } from "../api";
import { useSession } from "../../../components/SiteHeader";
import type { EventSummary } from "../../../api/schema";
import { codeSent, confirmationPath, eventFromSearch, passSignInPath, readFlow } from "../lib/flow";
import { useProblemText } from "../hooks/common";
import { Divider, EventFacts, EventName, Ornament, ProblemNotice, VipPage } from "./parts";
import { requestProblem } from "../lib/problems";
import type { Problem } from "../lib/problems";

type EventState =
  | { status: "loading" }
  | { status: "ready"; event: EventSummary }
  | { status: "missing" }
  | { status: "unknown" };

function useInvitationEvent(slug: string): EventState {
  const [state, setState] = useState<EventState>({ status: "loading" });
  useEffect(() => {
    const abort = new AbortController();
    setState({ status: "loading" });
    fetchEvent(slug, abort.signal).then(
      (event) => setState({ status: "ready", event }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        // Without the event's facts the invitation still works; a wrong link does not.
        const missing = error instanceof ApiError && error.status === 404;
        setState({ status: missing ? "missing" : "unknown" });
      },
    );
    return () => abort.abort();
  }, [slug]);
  return state;
}

/**
 * A signed-in guest who has booked this evening is shown their pass, not the invitation form
 * (whose code request refuses a used invitation like any stranger's: that stays so).
 */
function useOwnPass(slug: string): void {
  const user = useSession();
  const navigate = useNavigate();
  useEffect(() => {
    if (!user) return;
    const abort = new AbortController();
    findLiveBooking(slug, abort.signal).then(
      (booking) => {
        if (booking && !abort.signal.aborted) navigate(confirmationPath(booking.id), { replace: true });
      },
      () => undefined, // not found or offline: the form stays
    );
    return () => abort.abort();
  }, [user, slug, navigate]);
}

export default function VerifyPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const slug = eventFromSearch(params);
  const event = useInvitationEvent(slug);
  useOwnPass(slug);
  const remembered = readFlow();
  const [phone, setPhone] = useState(remembered?.event === slug ? (remembered.phone ?? "") : "");
  const [missing, setMissing] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sending, setSending] = useState(false);
  const problemText = useProblemText();
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const typed = normalisePhone(phone);
    if (typed.replace(/\D/g, "").length === 0) {
      setMissing(true);
      setProblem(null);
      return;
    }
    setMissing(false);
    setProblem(null);
    setSending(true);
    try {
      const sent = await requestVipCode(typed, slug, lang);
      codeSent(slug, typed, sent);
      navigate("/otp");
    } catch (error) {
      const found = requestProblem(error);
      if (found.kind === "sorry") navigate("/sorry", { replace: true });
      else setProblem(found);
    } finally {
      setSending(false);
    }
  }

  const title = event.status === "ready" ? event.event.name : t("vip.verify.title");
  const phoneProblem = missing
    ? t("vip.verify.phoneMissing")
    : problem?.kind === "message" && problem.key === "vip.verify.phoneInvalid"
      ? problemText(problem)
      : null;

  return (
    <VipPage>
      <div className="vip-crest">
        <Ornament size={56} />
      </div>
      <p className="vip-eyebrow">{t("vip.eyebrow")}</p>
      <PageTitle title={title}>
        {event.status === "ready" ? <EventName name={title} language={event.event.language} /> : title}
      </PageTitle>
      {event.status === "ready" && event.event.description && (
        <p className="vip-lede" lang={event.event.language || undefined}>
          {event.event.description}
        </p>
      )}
      {event.status === "ready" && <EventFacts event={event.event} />}
      <Divider />
      {event.status === "missing" ? (
        <p className="notice notice-warn" role="alert">
          {t("vip.error.event")}
        </p>
      ) : (
        <form className="stack vip-form" onSubmit={submit} noValidate aria-busy={sending}>
          <p className="vip-text">{t("vip.verify.lead")}</p>
          <div className="field">
            <label htmlFor={inputId}>{t("vip.verify.phone")}</label>
            <input
              id={inputId}
              type="tel"
              name="phone"
              inputMode="tel"
              autoComplete="tel"
              dir="ltr"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              aria-invalid={phoneProblem ? true : undefined}
              aria-describedby={phoneProblem ? `${errorId} ${hintId}` : hintId}
              maxLength={32}
            />
            <span className="hint" id={hintId}>
              {t("vip.verify.phoneHint")}
            </span>
            {phoneProblem && (
              <span className="field-error" id={errorId} role="alert">
                {phoneProblem}
              </span>
            )}
          </div>
          {!phoneProblem && <ProblemNotice problem={problem} />}
          <button type="submit" className="btn btn-block vip-btn" disabled={sending}>
            {sending ? t("vip.verify.sending") : t("vip.verify.submit")}
          </button>
          <p className="vip-fine">{t("vip.verify.privacy")}</p>
          <p className="vip-fine">
            <Link to={passSignInPath(slug)}>{t("vip.pass.signIn")}</Link>
          </p>
        </form>
      )}
    </VipPage>
  );
}
