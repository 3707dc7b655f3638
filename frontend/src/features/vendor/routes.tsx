/**
 * The vendor portal: /vendor (the festivals that take vendors) and /vendor/:slug (apply, the
 * application's status, and an approved vendor's dashboard with the setup code). Each page is
 * its own chunk (React.lazy under App's Suspense), inside the guest header.
 */
import { lazy } from "react";
import type { RouteObject } from "react-router";
import { GuestLayout } from "../../components/SiteHeader";

const VendorHome = lazy(() => import("./components/VendorHome"));
const VendorPortal = lazy(() => import("./components/VendorPortal"));

export const vendorRoutes: RouteObject[] = [
  {
    element: <GuestLayout />,
    children: [
      { path: "vendor", element: <VendorHome /> },
      { path: "vendor/:slug", element: <VendorPortal /> },
    ],
  },
];
