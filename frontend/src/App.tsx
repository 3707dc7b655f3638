/** Every route of the app: each area (guests, VIP evening, scanner, staff) brings its own. */
import { Suspense } from "react";
import { useLocation, useRoutes } from "react-router";
import type { RouteObject } from "react-router";
import { NotFound, Loading } from "./components/ui";
import { I18nProvider } from "./i18n";
import type { Language } from "./i18n";
import { accountRoutes } from "./features/account/routes";
import { checkoutRoutes } from "./features/checkout/routes";
import { festivalRoutes } from "./features/festival/routes";
import { guestRoutes } from "./features/guest/routes";
import { linkRoutes } from "./features/links/routes";
import { scanRoutes } from "./features/scan/routes";
import { staffRoutes } from "./features/staff/routes";
import { vendorRoutes } from "./features/vendor/routes";
import { vipRoutes, VIP_PATHS } from "./features/vip/routes";
import { RealtimeProvider } from "./realtime/react";

const routes: RouteObject[] = [
  ...guestRoutes,
  ...festivalRoutes,
  ...checkoutRoutes,
  ...linkRoutes,
  ...accountRoutes,
  ...vipRoutes,
  ...scanRoutes,
  ...staffRoutes,
  ...vendorRoutes,
  { path: "*", element: <NotFound /> },
];

export default function App() {
  const { pathname } = useLocation();
  const element = useRoutes(routes);
  // The VIP evening speaks Arabic first; elsewhere English until someone chooses.
  const vip = VIP_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
  const fallback: Language = vip ? "ar" : "en";
  return (
    <I18nProvider fallback={fallback}>
      <RealtimeProvider tokens={pathname.startsWith("/scan") ? "device" : "user"}>
        <Suspense fallback={<Loading />}>{element}</Suspense>
      </RealtimeProvider>
    </I18nProvider>
  );
}
