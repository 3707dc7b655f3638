/**
 * The festival's own page, `/events/:slug/festival`, under the guest header. React.lazy
 * makes it its own chunk (App renders routes with useRoutes, which ignores a route's `lazy`).
 */
import { lazy, Suspense } from "react";
import type { RouteObject } from "react-router";
import { GuestLayout } from "../../components/SiteHeader";
import { Loading } from "../../components/ui";

const FestivalPage = lazy(() => import("./components/FestivalPage"));

export const festivalRoutes: RouteObject[] = [
  {
    element: <GuestLayout />,
    children: [
      {
        path: "events/:slug/festival",
        element: (
          <Suspense fallback={<Loading />}>
            <FestivalPage />
          </Suspense>
        ),
      },
    ],
  },
];
