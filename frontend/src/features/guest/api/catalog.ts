/**
 * The repair shop's catalog (PROTOCOL.md, "Service appointments"): public, paged lists read
 * whole. Narrowed by hand until the generated schema (src/api/types.ts) has the catalog.
 */
import { api } from "../../../api/client";

export interface VehicleType {
  id: number;
  name: string;
}
export interface VehicleBrand {
  id: number;
  name: string;
  vehicle_type: number;
}
export interface VehicleModel {
  id: number;
  name: string;
  brand: number;
  vehicle_type: number;
}
export interface ServiceCategory {
  id: number;
  name: string;
}
export interface PricedService {
  id: number;
  name: string;
  category?: number;
  duration_minutes?: number;
  price: string;
  base_price?: string;
}
export interface Pricing {
  vehicle_model: number;
  currency: string;
  services: PricedService[];
}
/** GET /api/catalog/services/: what each service is (its duration). */
export interface CatalogService {
  id: number;
  name: string;
  description?: string;
  category: number;
  duration_minutes: number;
  base_price: string;
}

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

/** GET /api/venues/{id}/: the shop's page. Narrowed by hand until the generated schema has it. */
export interface VenuePage {
  id: number;
  name: string;
  address: string;
  city: string;
  time_zone: string;
  contact_phone: string;
  contact_email: string;
  opening_hours: { weekday: number; opens: string; closes: string }[];
  images: { url: string; alt: string; alt_ar?: string }[];
}

export function fetchVenue(id: number, signal?: AbortSignal): Promise<VenuePage> {
  return api<VenuePage>(`/api/venues/${id}/`, { auth: "none", signal });
}
