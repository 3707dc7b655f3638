/**
 * The guest's browsing pages: the events, one event with live availability, stay search.
 * React.lazy makes each page its own chunk (App renders routes with useRoutes, where a route's
 * own `lazy` field is not resolved); each waits in its own Suspense so the header stays put.
 */
import { lazy, Suspense } from "react";
import type { ComponentType, LazyExoticComponent } from "react";
import type { RouteObject } from "react-router";
import { GuestLayout } from "../../components/SiteHeader";
import { Loading } from "../../components/ui";

const EventsPage = lazy(() => import("./components/EventsPage"));
const EventPage = lazy(() => import("./components/EventPage"));
const StaysPage = lazy(() => import("./components/StaysPage"));
const QueuePage = lazy(() => import("./components/QueuePage"));
const MyWaitlistsPage = lazy(() => import("./components/WaitlistPages").then((m) => ({ default: m.MyWaitlistsPage })));
const WaitlistOfferPage = lazy(() => import("./components/WaitlistPages").then((m) => ({ default: m.WaitlistOfferPage })));

function page(Page: LazyExoticComponent<ComponentType>) {
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}

export const guestRoutes: RouteObject[] = [
  {
    element: <GuestLayout />,
    children: [
      { index: true, element: page(EventsPage) },
      { path: "events/:slug", element: page(EventPage) },
      { path: "events/:slug/queue", element: page(QueuePage) },
      { path: "stays", element: page(StaysPage) },
      { path: "waitlist", element: page(MyWaitlistsPage) },
      { path: "waitlist/:id", element: page(WaitlistOfferPage) },
    ],
  },
];
