/**
 * Sign-in, checkout, payment, confirmation and "my bookings and tickets". Each page is its
 * own chunk (React.lazy: the app renders routes with useRoutes, where a route's `lazy` field
 * is not supported; App's Suspense shows the loading state).
 */
import { lazy } from "react";
import type { RouteObject } from "react-router";
import { GuestLayout } from "../../components/SiteHeader";

const SignInPage = lazy(() => import("./components/SignInPage"));
const CheckoutPage = lazy(() => import("./components/CheckoutPage"));
const MyBookingsPage = lazy(() => import("./components/MyBookingsPage"));
const BookingPage = lazy(() => import("./components/BookingPage"));

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
