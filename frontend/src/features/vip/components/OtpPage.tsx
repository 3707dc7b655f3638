/** /otp: the code from the text message (any digits: ٠١٢ or 012), and a new one when allowed. */
import { useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { Link, Navigate, useNavigate } from "react-router";
import { verifyOtp } from "../../../shared/auth/otp";
import { PageTitle } from "../../../components/ui";
import { codeDigits } from "../../../i18n/digits";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n";
import { ltr } from "../../../shared/lib/bidi";
import { requestVipCode } from "../api";
import {
  codeSent,
  DEFAULT_EVENT,
  readFlow,
  updateFlow,
  validMinutes,
  verifyPath,
  withEvent,
} from "../lib/flow";
import type { VipFlow } from "../lib/flow";
import { useClock, useCountdown } from "../hooks/common";
import { Ornament, ProblemNotice, VipPage } from "./parts";
import { needsNewCode, requestProblem, verifyProblem } from "../lib/problems";
import type { Problem } from "../lib/problems";

type Ready = VipFlow & { phone: string; requestId: string };

export default function OtpPage() {
  const [flow, setFlow] = useState(readFlow);
  if (!flow?.phone || !flow.requestId)
    return <Navigate to={verifyPath(flow?.event ?? DEFAULT_EVENT)} replace />;
  return <CodeForm flow={flow as Ready} onResent={setFlow} />;
}

function CodeForm({ flow, onResent }: { flow: Ready; onResent: (flow: VipFlow) => void }) {
  const { t, lang, formatNumber } = useI18n();
  const navigate = useNavigate();
  const [code, setCode] = useState("");
  const [fieldError, setFieldError] = useState<MessageKey | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [checking, setChecking] = useState(false);
  const [resending, setResending] = useState(false);
  const [resent, setResent] = useState(false);
  const clock = useClock();
  const waitLeft = useCountdown(flow.resendAt);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;

  function settle(found: Problem) {
    if (found.kind === "sorry") navigate("/sorry", { replace: true });
    else if (found.kind === "restart") navigate(verifyPath(flow.event), { replace: true });
    else setProblem(found);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setResent(false);
    const digits = codeDigits(code);
    if (!digits) {
      setFieldError(code.trim() ? "vip.otp.codeInvalid" : "vip.otp.codeMissing");
      setProblem(null);
      input.current?.focus();
      return;
    }
    setFieldError(null);
    setProblem(null);
    setChecking(true);
    try {
      await verifyOtp(flow.phone, flow.requestId, digits);
      updateFlow(flow.event, {
        requestId: undefined,
        sentAt: undefined,
        resendAt: undefined,
        expiresAt: undefined,
      });
      navigate(withEvent("/book", flow.event), { replace: true });
    } catch (error) {
      const found = verifyProblem(error);
      if (found.kind === "message" && found.key === "vip.otp.codeInvalid") {
        setFieldError(found.key);
      } else {
        settle(found);
      }
      setCode("");
      input.current?.focus();
    } finally {
      setChecking(false);
    }
  }

  async function resend() {
    setProblem(null);
    setFieldError(null);
    setResent(false);
    setResending(true);
    try {
      const sent = await requestVipCode(flow.phone, flow.event, lang);
      onResent(codeSent(flow.event, flow.phone, sent));
      setCode("");
      setResent(true);
      input.current?.focus();
    } catch (error) {
      const found = requestProblem(error);
      if (found.kind === "message" && found.key === "vip.error.wait") {
        // The server's clock decides: wait as long as it says.
        const resendAt = Date.now() + (found.vars?.seconds ?? 60) * 1000;
        onResent(updateFlow(flow.event, { resendAt }));
      }
      settle(found);
    } finally {
      setResending(false);
    }
  }

  const minutes = validMinutes(flow);
  const dead = problem !== null && needsNewCode(problem);

  return (
    <VipPage>
      <div className="vip-crest">
        <Ornament size={48} />
      </div>
      <PageTitle title={t("vip.otp.title")}>{t("vip.otp.title")}</PageTitle>
      <p className="vip-text">{t("vip.otp.sentTo", { phone: ltr(flow.phone) })}</p>
      <p className="vip-center">
        <Link to={verifyPath(flow.event)} className="vip-link">
          {t("vip.otp.changeNumber")}
        </Link>
      </p>
      <form className="stack vip-form" onSubmit={submit} noValidate aria-busy={checking}>
        <div className="field">
          <label htmlFor={inputId}>{t("vip.otp.code")}</label>
          <input
            ref={input}
            id={inputId}
            className="vip-code"
            name="code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            dir="ltr"
            autoFocus
            maxLength={16}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${errorId} ${hintId}` : hintId}
          />
          <span className="hint" id={hintId}>
            {t("vip.otp.codeHint", { minutes: formatNumber(minutes) })}
          </span>
          {fieldError && (
            <span className="field-error" id={errorId} role="alert">
              {t(fieldError)}
            </span>
          )}
        </div>
        <ProblemNotice problem={problem} />
        <button type="submit" className="btn btn-block vip-btn" disabled={checking || dead}>
          {checking ? t("vip.otp.checking") : t("vip.otp.submit")}
        </button>
      </form>
      <div className="vip-resend">
        <p role="status" aria-live="polite" className="vip-ok">
          {resent ? t("vip.otp.resent") : ""}
        </p>
        {waitLeft > 0 ? (
          <p className="vip-fine" data-testid="resend-wait">
            {t("vip.otp.resendIn", { time: clock(waitLeft) })}
          </p>
        ) : (
          <button
            type="button"
            className={`btn ${dead ? "vip-btn" : "btn-ghost vip-btn-quiet"}`}
            onClick={resend}
            disabled={resending}
          >
            {t("vip.otp.resend")}
          </button>
        )}
      </div>
    </VipPage>
  );
}
