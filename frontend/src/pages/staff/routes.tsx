/**
 * The staff desk at /staff: live dashboard, bookings (with a drawer per booking), devices.
 * React.lazy (not the route's `lazy`, which only data routers honour; App uses useRoutes)
 * makes each page its own chunk, loaded under App's <Suspense>.
 */
import { lazy } from "react";
import type { RouteObject } from "react-router";

const StaffLayout = lazy(() => import("./StaffLayout"));
const DashboardPage = lazy(() => import("./DashboardPage"));
const BookingsPage = lazy(() => import("./BookingsPage"));
const BookingDrawer = lazy(() => import("./BookingDrawer"));
const DevicesPage = lazy(() => import("./DevicesPage"));

export const staffRoutes: RouteObject[] = [
  {
    path: "/staff",
    element: <StaffLayout />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: "bookings", element: <BookingsPage />, children: [{ path: ":bookingId", element: <BookingDrawer /> }] },
      { path: "devices", element: <DevicesPage /> },
    ],
  },
];
