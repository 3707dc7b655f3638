/**
 * Sign-in, checkout, payment, confirmation and "my bookings and tickets". Each page is its
 * own chunk (React.lazy: the app renders routes with useRoutes, where a route's `lazy` field
 * is not supported; App's Suspense shows the loading state).
 */
import { lazy } from "react";
import type { RouteObject } from "react-router";
import { GuestLayout } from "../../components/SiteHeader";

const SignInPage = lazy(() => import("./SignInPage"));
const CheckoutPage = lazy(() => import("./CheckoutPage"));
const MyBookingsPage = lazy(() => import("./MyBookingsPage"));
const BookingPage = lazy(() => import("./BookingPage"));

export const checkoutRoutes: RouteObject[] = [
  {
    element: <GuestLayout />,
    children: [
      { path: "signin", element: <SignInPage /> },
      { path: "checkout/:holdId", element: <CheckoutPage /> },
      { path: "bookings", element: <MyBookingsPage /> },
      { path: "bookings/:id", element: <BookingPage /> },
    ],
  },
];
