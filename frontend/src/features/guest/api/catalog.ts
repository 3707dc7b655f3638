/**
 * The repair shop's catalog (PROTOCOL.md, "Service appointments"): public, paged lists read
 * whole; and the shop's page (GET /api/venues/{id}/).
 */
import { api } from "../../../api/client";
import type {
  CatalogService,
  Pricing,
  ServiceCategory,
  VehicleBrand,
  VehicleModel,
  VehicleType,
  VenuePage,
} from "../../../api/schema";

interface Page<T> {
  pages: number;
  results: T[];
}

async function all<T>(path: string, params: Record<string, string | number>, signal?: AbortSignal): Promise<T[]> {
  const results: T[] = [];
  for (let page = 1; page <= 10; page += 1) {
    const search = new URLSearchParams({ ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])), page: String(page), page_size: "100" });
    const answer = await api<Page<T>>(`/api/catalog/${path}/?${search}`, { auth: "none", signal });
    results.push(...answer.results);
    if (page >= answer.pages) break;
  }
  return results;
}

export const catalog = {
  vehicleTypes: (event: string, signal?: AbortSignal) => all<VehicleType>("vehicle-types", { event }, signal),
  brands: (event: string, vehicleType: number, signal?: AbortSignal) =>
    all<VehicleBrand>("vehicle-brands", { event, vehicle_type: vehicleType }, signal),
  models: (event: string, brand: number, signal?: AbortSignal) =>
    all<VehicleModel>("vehicle-models", { event, vehicle_brand: brand }, signal),
  categories: (event: string, signal?: AbortSignal) => all<ServiceCategory>("service-categories", { event }, signal),
  services: (event: string, signal?: AbortSignal) => all<CatalogService>("services", { event }, signal),
  pricing: (event: string, model: number, signal?: AbortSignal) =>
    api<Pricing>(`/api/catalog/pricing/?${new URLSearchParams({ event, vehicle_model: String(model) })}`, {
      auth: "none",
      signal,
    }),
};

export function fetchVenue(id: number, signal?: AbortSignal): Promise<VenuePage> {
  return api<VenuePage>(`/api/venues/${id}/`, { auth: "none", signal });
}
