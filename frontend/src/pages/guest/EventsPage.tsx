export default function EventsPage() {
  return <main id="main" className="page">Events</main>;
}
