// German texts follow the original platform ("Dienstleistung mit Cal.com synchronisiert (aktualisiert)").
import type { ServiceProblem } from '../sync/payload.js';
import type { Dictionary } from './dictionary.js';

const COLUMN = { name: 'Der Name', description: 'Die Beschreibung', duration_minutes: 'Die Dauer (duration_minutes)' } as const;

function serviceProblem(p: ServiceProblem): string {
  if (p.rule === 'no-name') return 'die Dienstleistung hat keinen Namen';
  const is = 'actual' in p && p.actual !== undefined ? ` (ist ${p.actual})` : '';
  const column = COLUMN[p.column];
  switch (p.rule) {
    case 'empty':
      return `${column} darf nicht leer sein`;
    case 'too-long':
      return `${column} darf höchstens ${p.limit} Zeichen lang sein${is}`;
    case 'control': {
      const which = p.column === 'description' ? 'keine Steuerzeichen außer Zeilenumbrüchen und Tabulatoren' : 'keine Steuerzeichen';
      return `${column} darf ${which} enthalten (${p.codePoint} an Stelle ${p.position})`;
    }
    case 'not-whole':
      return `${column} muss eine ganze Zahl sein${is}`;
    case 'too-short':
      return `${column} muss mindestens 1 Minute betragen${is}`;
    case 'over-a-week':
      return `${column} darf höchstens eine Woche betragen (${p.limit} Minuten)${is}`;
  }
}

export const de: Dictionary = {
  outcome: {
    created: 'erstellt',
    updated: 'aktualisiert',
    unchanged: 'unverändert',
    recreated: 'neu erstellt',
    adopted: 'verknüpft',
    failed: 'fehlgeschlagen',
  },
  state: {
    queued: 'in der Warteschlange',
    running: 'wird synchronisiert …',
    busy: 'läuft bereits',
    queuedBehind: (n) => `wartet hinter ${n} ${n === 1 ? 'Auftrag' : 'Aufträgen'}`,
  },
  syncStatus: { pending: 'ausstehend', synced: 'synchronisiert', error: 'Fehler', unknown: 'unbekannter Status' },
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
    invalid: (id, problem) => `Ungültige Dienstleistung ${id}: ${problem}`,
    recreated: (oldId, newId) => `Der alte Event-Type ${oldId} existierte nicht mehr; neu erstellt als ${newId}.`,
    adopted: 'Ein vorhandener Event-Type mit demselben Slug wurde mit dieser Dienstleistung verknüpft.',
    moved: (oldId, newId) => `Verschoben: jetzt mit ${newId} verknüpft; der alte Event-Type ${oldId} blieb unverändert.`,
    unchanged: 'Bereits synchron mit dem Katalog: es wurde nichts gesendet.',
    changed: 'Geändert',
    moreChanges: (n) => `und ${n} weitere`,
  },
  plan: {
    step: {
      'in-sync': 'synchron',
      update: 'aktualisieren',
      create: 'erstellen',
      adopt: 'verknüpfen',
      recreate: 'neu erstellen',
      move: 'ins Team verschieben',
      invalid: 'ungültig',
    },
    count: {
      'in-sync': (n) => `${n} synchron`,
      update: (n) => `${n} ${n === 1 ? 'Aktualisierung' : 'Aktualisierungen'}`,
      create: (n) => `${n} neu anzulegen`,
      adopt: (n) => `${n} zu verknüpfen`,
      recreate: (n) => `${n} neu zu erstellen`,
      move: (n) => `${n} ins Team zu verschieben (braucht --move)`,
      invalid: (n) => `${n} ungültig`,
    },
    apply: (work, inSync) => `Anwenden: ${work}${inSync ? `; ${inSync}` : ''}`,
    nothingToDo: (n) =>
      n === 1 ? 'Die 1 Dienstleistung ist synchron: nichts anzuwenden.' : `Alle ${n} Dienstleistungen sind synchron: nichts anzuwenden.`,
    firstChanges: 'Erste Änderungen',
    more: (n) => `und ${n} weitere`,
    unreadable: (reason) =>
      `Cal.com war nicht lesbar (${reason}); dieser Plan ist eine Schätzung: jede verknüpfte Dienstleistung zählt als Aktualisierung.`,
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
    reason: {
      tooLong: (n) => `der Text ist zu lang (${n} Zeichen)`,
      controlCharacters: 'der Text enthält Steuerzeichen',
      noIds: 'bitte mindestens eine Dienstleistungs-ID angeben, z. B. `/calsync 85`',
      tooManyIds: (max) => `höchstens ${max} Dienstleistungs-IDs auf einmal (für den ganzen Katalog: \`/calsync all\`)`,
      notAnId: (word) => `„${word}“ ist keine Dienstleistungs-ID (eine ganze Zahl wie 85)`,
      outOfRange: (word, max) => `die Dienstleistungs-ID ${word} liegt außerhalb des gültigen Bereichs (1 bis ${max})`,
      oneId: (verb) => `\`/calsync ${verb}\` erwartet genau eine Dienstleistungs-ID, z. B. \`/calsync ${verb} 85\``,
      noArguments: (verb) => `\`/calsync ${verb}\` erwartet keine weiteren Angaben`,
      unknownCommand: (word) => `unbekannter Befehl „${word}“`,
      notOurButton: 'dieser Button enthält keine Dienstleistungs-ID',
      invalidService: (id, problem) => `Dienstleistung ${id}: ${problem}`,
    },
  },
  serviceProblem,
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
    liveMissing: (id) => `Event-Type ${id} wurde auf Cal.com nicht gefunden: eine Synchronisierung würde einen neuen erstellen.`,
    noDifferences: 'Keine Unterschiede: Cal.com entspricht dem Katalog.',
    differences: (n) => `Unterschiede (${n})`,
    catalogue: 'Katalog',
    calcom: 'Cal.com',
    notSettable: 'über die API nicht setzbar',
    more: (n) => `und ${n} weitere`,
    plan: (step) => `Plan: ${step}`,
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
  notInChannel: 'Ich kann in diesem Channel nicht posten. Laden Sie mich mit `/invite @calsync` ein, damit die Ergebnisse hier erscheinen.',
  work: {
    databaseDown: 'calsync: Die Datenbank antwortet nicht, es wurde nichts gestartet. Bitte in einer Minute erneut versuchen.',
    couldNotRun: (id, why) =>
      `calsync: Die Synchronisierung der Dienstleistung ${id} konnte nicht laufen (${why}). Nichts ging verloren; bitte erneut versuchen.`,
    retryNotStarted: (id, why) =>
      `calsync: Der erneute Versuch für Dienstleistung ${id} konnte nicht starten (${why}). Bitte erneut auf „Erneut versuchen“ klicken.`,
    commandFailed: (why) => `calsync: Etwas ist schiefgegangen (${why}). Nichts ging verloren; bitte erneut versuchen.`,
    noneInError: 'Keine Dienstleistung ist im Fehlerzustand. ✅',
    syncingAll: 'Alle Dienstleistungen werden synchronisiert …',
  },
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
  digest: {
    title: (date) => `calsync-Digest ${date}`,
    states: {
      error: 'Fehlerhaft',
      stale: 'Veraltet',
      neverSynced: 'Nie synchronisiert',
      unknown: 'Unbekannter Status',
      synced: 'Synchron',
    },
    count: {
      error: (n) => `${n} fehlerhaft`,
      stale: (n) => `${n} veraltet`,
      neverSynced: (n) => `${n} nie synchronisiert`,
      unknown: (n) => `${n} mit unbekanntem Status`,
      synced: (n) => `${n} synchron`,
    },
    total: (n) => `${n} ${n === 1 ? 'Dienstleistung' : 'Dienstleistungen'}`,
    compared: 'in Klammern: Änderung seit dem letzten Digest',
    first: 'erster Digest: noch nichts zum Vergleichen',
    failures: (n) => `Fehlerhafte Dienstleistungen (${n})`,
    lastAttempt: (at) => `letzter Versuch ${at}`,
    more: (n) => `und ${n} weitere: \`/calsync failed\``,
    allClear: (n) =>
      n === 1 ? 'Die 1 Dienstleistung ist mit Cal.com synchron ✅' : `Alle ${n} Dienstleistungen sind mit Cal.com synchron ✅`,
    empty: 'Der Katalog enthält noch keine Dienstleistungen.',
    drift: (n) => `In Cal.com von Hand geändert (${n})`,
    edited: 'in Cal.com bearbeitet',
    deleted: (id) => `Event-Type ${id} in Cal.com gelöscht`,
    restore: 'Wiederherstellen',
    calcomUnreadable: (reason) => `Cal.com war nicht lesbar, daher fehlt die Abweichungsprüfung: ${reason}`,
  },
};
