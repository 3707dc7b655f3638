/**
 * The page's pictures (the first is the cover) with their descriptions in both languages,
 * and the festival map's picture: upload, replace, remove.
 */
import { useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useI18n } from "../../../i18n";
import { addImage, deleteImage, deleteMap, loadContent, putMap } from "../api/content";
import type { StaffContent } from "../api/content";
import { useStaffEvent } from "../hooks/useStaffEvent";
import { BilingualField, ImageField, StatusLine, useAction, useStaffLoad, Waiting } from "./ContentParts";

export default function ContentMedia() {
  const event = useStaffEvent();
  const content = useStaffLoad((signal) => loadContent(event.slug, signal), event.slug);
  const data = content.data;
  if (!data) return <Waiting loads={[content]} />;
  const update = (patch: Partial<StaffContent>) => content.setData((old) => (old ? { ...old, ...patch } : old));
  return (
    <div className="stack">
      <Images content={data} onChange={(images) => update({ images })} />
      <MapImage content={data} onChange={(map_image) => update({ map_image })} />
    </div>
  );
}

function Images({ content, onChange }: { content: StaffContent; onChange: (images: StaffContent["images"]) => void }) {
  const { t, lang } = useI18n();
  const event = useStaffEvent();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState("");
  const [altAr, setAltAr] = useState("");
  const [missing, setMissing] = useState<{ file?: boolean; alt?: boolean }>({});
  const { busy, error, errors, done, run } = useAction();

  async function upload(form: FormEvent) {
    form.preventDefault();
    const problems = { file: !file, alt: !alt.trim() };
    setMissing(problems);
    if (problems.file || problems.alt) {
      document.getElementById(problems.file ? `${id}-file` : `${id}-alt`)?.focus();
      return;
    }
    await run("upload", async () => {
      const image = await addImage(event.slug, file!, alt.trim(), altAr.trim());
      onChange([...content.images, image]);
      setFile(null);
      setAlt("");
      setAltAr("");
      if (fileRef.current) fileRef.current.value = "";
      return t("content.media.added");
    });
  }

  function remove(imageId: number) {
    return run(`remove-${imageId}`, async () => {
      await deleteImage(imageId);
      onChange(content.images.filter((image) => image.id !== imageId));
      return t("content.media.removed");
    });
  }

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="staff-card-title">
        {t("content.media.images")}
      </h2>
      <p className="muted staff-flush">{t("content.media.imagesHint")}</p>
      {content.images.length === 0 ? (
        <p className="muted staff-flush">{t("content.media.noImages")}</p>
      ) : (
        <ul className="content-images" data-testid="content-images">
          {content.images.map((image, index) => (
            <li key={image.id} className="content-image">
              <img src={image.url} alt="" />
              <div className="content-image-text">
                {index === 0 && <span className="badge">{t("content.media.cover")}</span>}
                <p lang="en" dir="ltr">
                  {image.alt}
                </p>
                {image.alt_ar && (
                  <p lang="ar" dir="rtl">
                    {image.alt_ar}
                  </p>
                )}
              </div>
              <button
                type="button"
                className="btn btn-secondary btn-small staff-btn-danger-text"
                disabled={busy !== null}
                onClick={() => void remove(image.id)}
                aria-label={t("content.removeLabel", { name: lang === "ar" && image.alt_ar ? image.alt_ar : image.alt })}
              >
                {busy === `remove-${image.id}` ? t("staff.busy") : t("content.remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="content-upload stack" onSubmit={upload} noValidate>
        <h3 className="content-h3">{t("content.media.add")}</h3>
        <ImageField
          id={`${id}-file`}
          label={t("content.media.file")}
          error={errors.image ?? (missing.file ? t("content.media.fileMissing") : undefined)}
          inputRef={fileRef}
          onFile={setFile}
        />
        <BilingualField
          id={`${id}-alt`}
          label={t("content.media.alt")}
          en={alt}
          ar={altAr}
          onEn={setAlt}
          onAr={setAltAr}
          error={missing.alt ? t("content.media.altMissing") : errors.alt}
          errorAr={errors.alt_ar}
          hint={t("content.media.altHint")}
          maxLength={200}
        />
        <div className="row">
          <button type="submit" className="btn" disabled={busy !== null}>
            {busy === "upload" ? t("content.media.uploading") : t("content.media.upload")}
          </button>
          <StatusLine done={done} error={Object.keys(errors).length ? null : error} />
        </div>
      </form>
    </section>
  );
}

function MapImage({ content, onChange }: { content: StaffContent; onChange: (url: string | null) => void }) {
  const { t } = useI18n();
  const event = useStaffEvent();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const { busy, error, errors, done, run } = useAction();

  async function put(form: FormEvent) {
    form.preventDefault();
    setMissing(!file);
    if (!file) {
      document.getElementById(`${id}-file`)?.focus();
      return;
    }
    await run("put", async () => {
      const answer = await putMap(event.slug, file);
      onChange(answer.map_image);
      setFile(null);
      if (fileRef.current) fileRef.current.value = "";
      return t("content.media.mapSaved");
    });
  }

  function remove() {
    return run("delete", async () => {
      await deleteMap(event.slug);
      onChange(null);
      return t("content.media.mapRemoved");
    });
  }

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="staff-card-title">
        {t("content.media.map")}
      </h2>
      <p className="muted staff-flush">{t("content.media.mapHint")}</p>
      {content.map_image ? (
        <img className="content-map-preview" src={content.map_image} alt={t("festival.map.alt")} data-testid="map-preview" />
      ) : (
        <p className="muted staff-flush">{t("content.media.noMap")}</p>
      )}
      <form className="stack" onSubmit={put} noValidate>
        <ImageField
          id={`${id}-file`}
          label={content.map_image ? t("content.media.mapReplace") : t("content.media.mapFile")}
          error={errors.image ?? (missing ? t("content.media.fileMissing") : undefined)}
          inputRef={fileRef}
          onFile={setFile}
        />
        <div className="row">
          <button type="submit" className="btn" disabled={busy !== null}>
            {busy === "put" ? t("content.media.uploading") : t("content.media.mapUpload")}
          </button>
          {content.map_image && (
            <button type="button" className="btn btn-secondary staff-btn-danger-text" disabled={busy !== null} onClick={() => void remove()}>
              {busy === "delete" ? t("staff.busy") : t("content.media.mapRemove")}
            </button>
          )}
          <StatusLine done={done} error={errors.image ? null : error} />
        </div>
      </form>
    </section>
  );
}
