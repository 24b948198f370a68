// German texts follow the original platform ("Dienstleistung mit Cal.com synchronisiert (aktualisiert)").
import type { Dictionary } from './dictionary.js';

export const de: Dictionary = {
  outcome: {
    created: 'erstellt',
    updated: 'aktualisiert',
    recreated: 'neu erstellt',
    adopted: 'verknüpft',
    failed: 'fehlgeschlagen',
  },
  state: { queued: 'in der Warteschlange', running: 'wird synchronisiert …', busy: 'läuft bereits' },
  syncStatus: { pending: 'ausstehend', synced: 'synchronisiert', error: 'Fehler' },
  trigger: { command: 'Befehl', button: 'Button', bulk: 'Massenlauf', digest: 'Digest', cli: 'CLI' },
  common: {
    service: (id, name) => `Dienstleistung ${id} · ${name}`,
    eventTypeId: 'Event-Type-ID',
    attempts: 'Versuche',
    httpStatus: 'HTTP-Status',
    askedBy: (user) => `angefordert von ${user}`,
    retry: 'Erneut versuchen',
    none: '—',
    never: 'nie',
    running: 'läuft',
    emptyError: '(kein Fehlertext)',
  },
  result: {
    synced: (word) => `Dienstleistung mit Cal.com synchronisiert (${word})`,
    failed: (n) =>
      n > 0 ? `Synchronisierung fehlgeschlagen nach ${n} ${n === 1 ? 'Versuch' : 'Versuchen'}` : 'Synchronisierung fehlgeschlagen',
    recreated: (oldId, newId) => `Der alte Event-Type ${oldId} existierte nicht mehr; neu erstellt als ${newId}.`,
    adopted: 'Ein vorhandener Event-Type mit demselben Slug wurde mit dieser Dienstleistung verknüpft.',
  },
  retrying: (user) => `wird wiederholt, angefordert von ${user}`,
  busy: {
    running: (id, since) => `Für Dienstleistung ${id} läuft bereits eine Synchronisierung (seit ${since}).`,
    inThread: (link) => `Das Ergebnis erscheint in ${link}.`,
    threadLabel: 'diesem Thread',
    inChannel: (channel) => `Das Ergebnis erscheint in ${channel}.`,
    later: 'Das Ergebnis erscheint dort, wo diese Synchronisierung gestartet wurde.',
  },
  usage: {
    title: 'calsync: hält den Dienstleistungskatalog mit Cal.com synchron',
    intro: 'Verwendung:',
    commands: {
      sync: 'diese Dienstleistungen synchronisieren; je ein Thread',
      status: 'Status, Event-Type-ID, letzter Erfolg, letzter Fehler und letzte Läufe (nur für Sie sichtbar)',
      diff: 'Probelauf: Payload, Live-Event-Type und Unterschiede; schreibt nichts',
      failed: 'alle fehlerhaften Dienstleistungen erneut synchronisieren, als ein Massenlauf',
      all: 'den ganzen Katalog als einen Massenlauf synchronisieren, nach Bestätigung',
      import: 'Cal.com-Event-Types in den Katalog importieren',
      digest: 'den Digest jetzt in diesem Channel posten',
      help: 'diese Hilfe anzeigen',
    },
    footer: 'Dienstleistungs-IDs sind ganze Zahlen, z. B. `/calsync 85`.',
  },
  invalid: {
    headline: (reason) => `Das konnte ich nicht lesen: ${reason}`,
    hint: 'Was ich verstehe, zeigt `/calsync help`.',
  },
  refusal: 'Sie dürfen calsync hier nicht ausführen.',
  unknownService: (id) => `Dienstleistung ${id} ist nicht im Katalog.`,
  status: {
    title: (id, name) => `Dienstleistung ${id} · ${name}`,
    status: 'Status',
    lastSuccess: 'Letzter Erfolg',
    lastCalcomSync: 'Letzter Cal.com-Abgleich',
    lastError: 'Letzter Fehler',
    lastRuns: 'Letzte Läufe',
    noRuns: 'Noch keine Läufe.',
    notLinked: 'nicht verknüpft',
    inactive: 'Inaktiv: auf Cal.com verborgen.',
  },
  diff: {
    title: (id, name) => `Probelauf für Dienstleistung ${id} · ${name}`,
    nothingWritten: 'Es wurde nichts geschrieben.',
    payload: 'Payload (aus dem Katalog)',
    live: (id) => `Live-Event-Type ${id} auf Cal.com (die von calsync verwalteten Felder)`,
    notLinked: 'Noch nicht verknüpft: eine Synchronisierung würde einen neuen Event-Type erstellen.',
    liveMissing: (id) =>
      `Event-Type ${id} wurde auf Cal.com nicht gefunden: eine Synchronisierung würde einen neuen erstellen.`,
    noDifferences: 'Keine Unterschiede: Cal.com entspricht dem Katalog.',
    differences: (n) => `Unterschiede (${n})`,
    catalogue: 'Katalog',
    calcom: 'Cal.com',
    notSettable: 'über die API nicht setzbar',
    more: (n) => `und ${n} weitere`,
  },
  bulk: {
    title: {
      all: 'Synchronisierung aller Dienstleistungen',
      failed: 'Erneute Synchronisierung fehlgeschlagener Dienstleistungen',
    },
    progress: (done, total) => `${done} von ${total} erledigt`,
    finished: (title, total, duration) =>
      `${title} abgeschlossen: ${total} ${total === 1 ? 'Dienstleistung' : 'Dienstleistungen'} in ${duration}`,
    failures: (n) => `Fehlgeschlagen (${n})`,
    more: (n) => `und ${n} weitere: \`/calsync status\``,
  },
  confirmAll: {
    question: (n) => (n === 1 ? '1 Dienstleistung synchronisieren?' : `Alle ${n} Dienstleistungen synchronisieren?`),
    empty: 'Der Katalog enthält keine Dienstleistungen zum Synchronisieren.',
    confirm: 'Alle synchronisieren',
    cancel: 'Abbrechen',
  },
  notInChannel:
    'Ich kann in diesem Channel nicht posten. Laden Sie mich mit `/invite @calsync` ein, damit die Ergebnisse hier erscheinen.',
  import: {
    title: 'Import aus Cal.com abgeschlossen',
    counts: { linked: 'verknüpft', created: 'erstellt', skipped: 'übersprungen' },
    item: {
      linked: (et, title, sid) => `Event-Type ${et} „${title}“ mit Dienstleistung ${sid ?? '?'} verknüpft`,
      created: (et, title, sid) => `Event-Type ${et} „${title}“ → neue Dienstleistung ${sid ?? '?'}`,
      skipped: (et, title) => `Event-Type ${et} „${title}“ übersprungen`,
    },
    nothing: 'Nichts zu importieren: alle Event-Types sind bereits verknüpft.',
    more: (n) => `und ${n} weitere`,
  },
};
