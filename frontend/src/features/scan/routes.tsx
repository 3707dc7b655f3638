import { lazy } from "react";
import type { RouteObject } from "react-router";

// The station is its own chunk (React.lazy: the app renders routes with useRoutes, where a
// route's own `lazy` field is not resolved).
const ScanPage = lazy(() => import("./components/ScanPage"));

/** The scanning station: one page (sign-in, gate choice, scanning). */
export const scanRoutes: RouteObject[] = [{ path: "/scan", element: <ScanPage /> }];
