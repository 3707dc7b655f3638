/** The VIP evening's pages: /verify → /otp → /book → /vip/confirmed/:id, and /sorry. */
import { lazy } from "react";
import type { RouteObject } from "react-router";

/** Paths of the VIP flow: Arabic is their default language. */
export const VIP_PATHS = ["/verify", "/otp", "/book", "/sorry", "/vip"];

// One chunk for the VIP area (React.lazy: the app renders routes with useRoutes, where a
// route's own `lazy` field is not resolved).
const VipLayout = lazy(() => import("./components/VipLayout"));
const VerifyPage = lazy(() => import("./components/VerifyPage"));
const OtpPage = lazy(() => import("./components/OtpPage"));
const BookPage = lazy(() => import("./components/BookPage"));
const ConfirmedPage = lazy(() => import("./components/ConfirmedPage"));
const SorryPage = lazy(() => import("./components/SorryPage"));

export const vipRoutes: RouteObject[] = [
  {
    element: <VipLayout />,
    children: [
      { path: "/verify", element: <VerifyPage /> },
      { path: "/otp", element: <OtpPage /> },
      { path: "/book", element: <BookPage /> },
      { path: "/vip/confirmed/:id", element: <ConfirmedPage /> },
      { path: "/sorry", element: <SorryPage /> },
    ],
  },
];
