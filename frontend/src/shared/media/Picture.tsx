/**
 * A picture of a venue, an event or a room as the API describes it: the widest rendition as
 * `src`, every rendition in `srcset` (the browser picks the width the layout needs), the
 * alt text in the page's language, loaded lazily unless it is the first thing on screen.
 */
import type { Picture as PictureData } from "../../api/schema";
import { useI18n } from "../../i18n";
import "./media.css";

export function pictureAlt(picture: PictureData, lang: string): string {
  return (lang === "ar" && picture.alt_ar) || picture.alt;
}

export function Picture({
  picture,
  sizes = "(max-width: 600px) 100vw, 640px",
  className,
  eager = false,
}: {
  picture: PictureData;
  sizes?: string;
  className?: string;
  eager?: boolean;
}) {
  const { lang } = useI18n();
  return (
    <img
      className={className}
      src={picture.url}
      srcSet={picture.srcset || undefined}
      sizes={picture.srcset ? sizes : undefined}
      width={picture.width ?? undefined}
      height={picture.height ?? undefined}
      alt={pictureAlt(picture, lang)}
      loading={eager ? "eager" : "lazy"}
      decoding="async"
    />
  );
}

/** A row of pictures: the first one large, the others beside or below it. */
export function Gallery({ pictures, name, className = "" }: { pictures: PictureData[]; name: string; className?: string }) {
  const { t } = useI18n();
  if (pictures.length === 0) return null;
  const [first, ...rest] = pictures;
  return (
    <div className={`gallery ${className}`} role="group" aria-label={t("media.pictures", { name })} data-testid="gallery">
      <Picture picture={first} className="gallery-main" sizes="(max-width: 700px) 100vw, 720px" eager />
      {rest.length > 0 && (
        <div className="gallery-more">
          {rest.slice(0, 4).map((picture) => (
            <Picture key={picture.url} picture={picture} sizes="(max-width: 700px) 50vw, 240px" />
          ))}
        </div>
      )}
    </div>
  );
}
