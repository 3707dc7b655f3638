/**
 * Pages our messages link to: the password reset e-mail's /reset-password and the tickets
 * SMS's /t/:token. Neither needs anyone signed in. Each page is its own chunk (React.lazy,
 * under App's Suspense).
 */
import { lazy } from "react";
import type { RouteObject } from "react-router";
import { GuestLayout } from "../../components/SiteHeader";

const ResetPasswordPage = lazy(() => import("./components/ResetPasswordPage"));
const TicketLinkPage = lazy(() => import("./components/TicketLinkPage"));

export const linkRoutes: RouteObject[] = [
  {
    element: <GuestLayout />,
    children: [
      { path: "reset-password", element: <ResetPasswordPage /> },
      { path: "t/:token", element: <TicketLinkPage /> },
    ],
  },
];
