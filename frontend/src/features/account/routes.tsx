/**
 * Accounts: register with e-mail and password, confirm the e-mail (the link's page), land back
 * from an OpenID Connect provider, ask for a password reset link, and "my account". Each page is
 * its own chunk (React.lazy, under App's Suspense). /signin itself is the checkout's page.
 */
import { lazy } from "react";
import type { RouteObject } from "react-router";
import { GuestLayout } from "../../components/SiteHeader";

const RegisterPage = lazy(() => import("./components/RegisterPage"));
const VerifyEmailPage = lazy(() => import("./components/VerifyEmailPage"));
const OidcLandingPage = lazy(() => import("./components/OidcLandingPage"));
const ForgotPasswordPage = lazy(() => import("./components/ForgotPasswordPage"));
const AccountPage = lazy(() => import("./components/AccountPage"));

export const accountRoutes: RouteObject[] = [
  {
    element: <GuestLayout />,
    children: [
      { path: "register", element: <RegisterPage /> },
      { path: "verify-email", element: <VerifyEmailPage /> },
      { path: "signin/oidc", element: <OidcLandingPage /> },
      { path: "forgot-password", element: <ForgotPasswordPage /> },
      { path: "account", element: <AccountPage /> },
    ],
  },
];
