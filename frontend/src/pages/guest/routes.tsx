import type { RouteObject } from "react-router";
import { GuestLayout } from "../../components/SiteHeader";

export const guestRoutes: RouteObject[] = [
  {
    element: <GuestLayout />,
    children: [{ index: true, lazy: async () => ({ Component: (await import("./EventsPage")).default }) }],
  },
];
