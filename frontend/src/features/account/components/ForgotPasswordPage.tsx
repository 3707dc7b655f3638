/**
 * /forgot-password: the shared form that e-mails a reset link (the link leads to
 * /reset-password), and the way back to signing in.
 */
import { Link } from "react-router";
import { PageTitle } from "../../../components/ui";
import { useI18n } from "../../../i18n";
import { ForgotPasswordForm } from "../../../shared/auth/ForgotPasswordForm";
import "../account.css";

export default function ForgotPasswordPage() {
  const { t } = useI18n();
  return (
    <main id="main" className="page narrow account-page">
      <PageTitle title={t("account.forgot.title")}>{t("account.forgot.title")}</PageTitle>
      <ForgotPasswordForm />
      <p className="account-center">
        <Link to="/signin">{t("links.forgot.back")}</Link>
      </p>
    </main>
  );
}
