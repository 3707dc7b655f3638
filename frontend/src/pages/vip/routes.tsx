import type { RouteObject } from "react-router";

/** Paths of the VIP flow: Arabic is their default language. */
export const VIP_PATHS = ["/verify", "/otp", "/book", "/sorry", "/vip"];

export const vipRoutes: RouteObject[] = [];
