import type { RouteObject } from "react-router";

export const scanRoutes: RouteObject[] = [];
