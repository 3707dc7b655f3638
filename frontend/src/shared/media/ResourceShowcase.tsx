/**
 * What can be booked, shown: each room or meeting space that has pictures or amenities, with
 * its first picture, name, description and amenities (the grid below books them).
 */
import type { Resource } from "../../api/schema";
import { useI18n } from "../../i18n";
import { Amenities } from "./Amenities";
import { Picture } from "./Picture";
import "./media.css";

export function ResourceShowcase({ resources, title }: { resources: Resource[]; title: string }) {
  const { t, formatNumber } = useI18n();
  const shown = resources.filter((resource) => resource.images.length > 0 || resource.amenities.length > 0);
  if (shown.length === 0) return null;
  return (
    <section className="resource-showcase" aria-labelledby="resource-showcase-title" data-testid="resource-showcase">
      <h2 id="resource-showcase-title" className="showcase-title">
        {title}
      </h2>
      <ul className="showcase-list" role="list">
        {shown.map((resource) => (
          <li key={resource.id} className="showcase-item card" data-testid={`showcase-${resource.id}`}>
            {resource.images[0] && <Picture picture={resource.images[0]} className="card-picture" sizes="(max-width: 600px) 100vw, 320px" />}
            <div className="showcase-body">
              <h3 className="showcase-name">
                <bdi>{resource.name}</bdi>
              </h3>
              {resource.description && (
                <p className="muted small">
                  <bdi>{resource.description}</bdi>
                </p>
              )}
              <Amenities amenities={resource.amenities} compact />
              {resource.guest_capacity > 1 && (
                <p className="muted small">
                  {resource.kind === "room"
                    ? t("guest.nights.sleeps", { count: formatNumber(resource.guest_capacity) })
                    : t("guest.grid.people", { count: formatNumber(resource.guest_capacity) })}
                </p>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
