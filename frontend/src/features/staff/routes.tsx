/**
 * The staff desk at /staff: live dashboard, bookings (with a drawer per booking), devices.
 * React.lazy (not the route's `lazy`, which only data routers honour; App uses useRoutes)
 * makes each page its own chunk, loaded under App's <Suspense>.
 */
import { lazy } from "react";
import type { RouteObject } from "react-router";

const StaffLayout = lazy(() => import("./components/StaffLayout"));
const DashboardPage = lazy(() => import("./components/DashboardPage"));
const BookingsPage = lazy(() => import("./components/BookingsPage"));
const BookingDrawer = lazy(() => import("./components/BookingDrawer"));
const DevicesPage = lazy(() => import("./components/DevicesPage"));
const ApiKeysPage = lazy(() => import("./components/ApiKeysPage"));
const VendorsPage = lazy(() => import("./components/VendorsPage"));
const BoothsPage = lazy(() => import("./components/BoothsPage"));
const JobBoardPage = lazy(() => import("./components/JobBoardPage"));
const ContentLayout = lazy(() => import("./components/ContentLayout"));
const ContentTexts = lazy(() => import("./components/ContentTexts"));
const ContentMedia = lazy(() => import("./components/ContentMedia"));
const ContentStages = lazy(() => import("./components/ContentStages"));
const ContentSponsors = lazy(() => import("./components/ContentSponsors"));
const ContentSchedule = lazy(() => import("./components/ContentSchedule"));
const ContentMessages = lazy(() => import("./components/ContentMessages"));

export const staffRoutes: RouteObject[] = [
  {
    path: "/staff",
    element: <StaffLayout />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: "bookings", element: <BookingsPage />, children: [{ path: ":bookingId", element: <BookingDrawer /> }] },
      { path: "jobs", element: <JobBoardPage /> },
      { path: "devices", element: <DevicesPage /> },
      { path: "api-keys", element: <ApiKeysPage /> },
      { path: "vendors", element: <VendorsPage /> },
      { path: "booths", element: <BoothsPage /> },
      {
        path: "content",
        element: <ContentLayout />,
        children: [
          { index: true, element: <ContentTexts /> },
          { path: "media", element: <ContentMedia /> },
          { path: "stages", element: <ContentStages /> },
          { path: "sponsors", element: <ContentSponsors /> },
          { path: "schedule", element: <ContentSchedule /> },
          { path: "messages", element: <ContentMessages /> },
        ],
      },
    ],
  },
];
