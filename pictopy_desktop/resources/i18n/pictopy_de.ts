<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>pictopy</name>
    <message>
        <source>Album name:</source>
        <translation>Name des Albums:</translation>
    </message>
    <message>
        <source>Album “{name}” created.</source>
        <translation>Album „{name}“ erstellt.</translation>
    </message>
    <message>
        <source>Creating the album failed</source>
        <translation>Das Album konnte nicht erstellt werden</translation>
    </message>
    <message>
        <source>Rename album</source>
        <translation>Album umbenennen</translation>
    </message>
    <message>
        <source>Renaming the album failed</source>
        <translation>Das Album konnte nicht umbenannt werden</translation>
    </message>
    <message>
        <source>Delete album</source>
        <translation>Album löschen</translation>
    </message>
    <message>
        <source>Delete the album “{name}”?
Its photos stay in your library.</source>
        <translation>Das Album „{name}“ löschen?
Seine Fotos bleiben in Ihrer Bibliothek.</translation>
    </message>
    <message>
        <source>Deleting the album failed</source>
        <translation>Das Album konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <source>Already in “{album}”.</source>
        <translation>Schon in „{album}“.</translation>
    </message>
    <message>
        <source>Adding to the album failed</source>
        <translation>Hinzufügen zum Album fehlgeschlagen</translation>
    </message>
    <message>
        <source>Removing from the album failed</source>
        <translation>Entfernen aus dem Album fehlgeschlagen</translation>
    </message>
    <message>
        <source>Remove folder</source>
        <translation>Ordner entfernen</translation>
    </message>
    <message>
        <source>Remove {path} from the library?
The files on disk are not touched. The names, albums and favourites of its photos are saved to a file first (Settings → Import… puts them back).</source>
        <translation>{path} aus der Bibliothek entfernen?
Die Dateien auf dem Datenträger bleiben unberührt. Namen, Alben und Favoriten seiner Fotos werden vorher in einer Datei gesichert (Einstellungen → Importieren… stellt sie wieder her).</translation>
    </message>
    <message>
        <source>Removing the folder failed</source>
        <translation>Der Ordner konnte nicht entfernt werden</translation>
    </message>
    <message>
        <source>PictoPy cannot open its library</source>
        <translation>PictoPy kann seine Bibliothek nicht öffnen</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>Stichwort</translation>
    </message>
    <message>
        <source>{keyword}
A keyword from the photos&apos; metadata</source>
        <translation>{keyword}
Ein Stichwort aus den Metadaten der Fotos</translation>
    </message>
    <message>
        <source>New album</source>
        <translation>Neues Album</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>Leer</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Copy photos to a folder…</source>
        <translation>Fotos in einen Ordner kopieren…</translation>
    </message>
    <message>
        <source>Delete album…</source>
        <translation>Album löschen…</translation>
    </message>
    <message>
        <source>New album…</source>
        <translation>Neues Album…</translation>
    </message>
    <message>
        <source>No folders in the library yet.
Add a folder, or drop one onto this window.</source>
        <translation>Noch keine Ordner in der Bibliothek.
Fügen Sie einen Ordner hinzu oder ziehen Sie einen auf dieses Fenster.</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>Rescan all</source>
        <translation>Alle neu einlesen</translation>
    </message>
    <message>
        <source>Rescan</source>
        <translation>Neu einlesen</translation>
    </message>
    <message>
        <source>Remove from library…</source>
        <translation>Aus der Bibliothek entfernen…</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>Keine Vorschau</translation>
    </message>
    <message>
        <source>Keep this one</source>
        <translation>Dieses behalten</translation>
    </message>
    <message>
        <source>Suggested: the largest copy.</source>
        <translation>Vorschlag: die größte Kopie.</translation>
    </message>
    <message>
        <source>Keep this photo and move the others of the group to the trash</source>
        <translation>Dieses Foto behalten und die anderen der Gruppe in den Papierkorb verschieben</translation>
    </message>
    <message>
        <source>Keeping one frees about {size}</source>
        <translation>Wenn Sie eines behalten, werden etwa {size} frei</translation>
    </message>
    <message>
        <source>Open as gallery</source>
        <translation>Als Galerie öffnen</translation>
    </message>
    <message>
        <source>Look at the photos side by side in the viewer</source>
        <translation>Die Fotos im Betrachter nebeneinander ansehen</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplikate</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>Erneut suchen</translation>
    </message>
    <message>
        <source>Look for duplicates again</source>
        <translation>Erneut nach Duplikaten suchen</translation>
    </message>
    <message>
        <source>Recently removed…</source>
        <translation>Zuletzt entfernt…</translation>
    </message>
    <message>
        <source>What PictoPy moved to the trash, with a way back</source>
        <translation>Was PictoPy in den Papierkorb verschoben hat, mit einem Weg zurück</translation>
    </message>
    <message>
        <source>Show more</source>
        <translation>Mehr anzeigen</translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation>Suche nach Duplikaten…</translation>
    </message>
    <message>
        <source>about {size} to free</source>
        <translation>etwa {size} freizugeben</translation>
    </message>
    <message>
        <source>No duplicates found. Exact copies and the same picture saved at other sizes show up here.</source>
        <translation>Keine Duplikate gefunden. Exakte Kopien und dasselbe Bild in anderen Größen erscheinen hier.</translation>
    </message>
    <message>
        <source>Duplicates of {name}</source>
        <translation>Duplikate von {name}</translation>
    </message>
    <message>
        <source>  • {name}  ({width} × {height}, {size})  in {folder}</source>
        <translation>  • {name}  ({width} × {height}, {size})  in {folder}</translation>
    </message>
    <message>
        <source>Each file is checked again right before it moves. “Recently removed” lists them, with a way back.</source>
        <translation>Jede Datei wird unmittelbar vor dem Verschieben erneut geprüft. „Zuletzt entfernt“ führt sie auf, mit einem Weg zurück.</translation>
    </message>
    <message>
        <source>Move duplicates to the trash</source>
        <translation>Duplikate in den Papierkorb verschieben</translation>
    </message>
    <message>
        <source>Moving duplicates to the trash failed</source>
        <translation>Die Duplikate konnten nicht in den Papierkorb verschoben werden</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>No photos here yet.</source>
        <translation>Hier sind noch keine Fotos.</translation>
    </message>
    <message>
        <source>Thumbnail size (Ctrl+wheel over the photos)</source>
        <translation>Größe der Vorschaubilder (Strg+Mausrad über den Fotos)</translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation>Größe der Vorschaubilder</translation>
    </message>
    <message>
        <source>Keep shapes</source>
        <translation>Formen behalten</translation>
    </message>
    <message>
        <source>Rows that keep each photo&apos;s shape (justified), instead of square tiles</source>
        <translation>Zeilen, in denen jedes Foto seine Form behält (Blocksatz), statt quadratischer Kacheln</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Vollbild</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Rotate left  ([)</source>
        <translation>Nach links drehen  ([)</translation>
    </message>
    <message>
        <source>Rotate right  (])</source>
        <translation>Nach rechts drehen  (])</translation>
    </message>
    <message>
        <source>Remove from favourites</source>
        <translation>Aus den Favoriten entfernen</translation>
    </message>
    <message>
        <source>Add to favourites  (.)</source>
        <translation>Zu den Favoriten hinzufügen  (.)</translation>
    </message>
    <message>
        <source>Add {photos} to album</source>
        <translation>{photos} zu einem Album hinzufügen</translation>
    </message>
    <message>
        <source>Remove from “{album}”</source>
        <translation>Aus „{album}“ entfernen</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Im Ordner zeigen</translation>
    </message>
    <message>
        <source>Open with the default app</source>
        <translation>Mit der Standard-App öffnen</translation>
    </message>
    <message>
        <source>Copy image  (Ctrl+C)</source>
        <translation>Bild kopieren  (Strg+C)</translation>
    </message>
    <message>
        <source>Move {photos} to the {trash}  (Delete)</source>
        <translation>{photos} in den {trash} verschieben  (Entf)</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Alles auswählen</translation>
    </message>
    <message>
        <source>No file manager opened the log folder; it is {folder}.</source>
        <translation>Kein Dateimanager hat den Protokollordner geöffnet; er liegt unter {folder}.</translation>
    </message>
    <message>
        <source>A local-first, private photo gallery: things and people are found on this computer, and nothing leaves it.</source>
        <translation>Eine lokale, private Fotogalerie: Dinge und Personen werden auf diesem Computer gefunden, und nichts verlässt ihn.</translation>
    </message>
    <message>
        <source>Library: {folder}</source>
        <translation>Bibliothek: {folder}</translation>
    </message>
    <message>
        <source>About PictoPy</source>
        <translation>Über PictoPy</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>{what}: looking for photos…</source>
        <translation>{what}: Suche nach Fotos…</translation>
    </message>
    <message>
        <source>{what}{paused}: {done} of {total}</source>
        <translation>{what}{paused}: {done} von {total}</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation>weniger als eine Minute übrig</translation>
    </message>
    <message>
        <source>about {n} min left</source>
        <translation>noch etwa {n} Min.</translation>
    </message>
    <message>
        <source>about {n} h left</source>
        <translation>noch etwa {n} Std.</translation>
    </message>
    <message>
        <source> (paused)</source>
        <translation> (angehalten)</translation>
    </message>
    <message>
        <source>Finding people and things</source>
        <translation>Personen und Dinge werden gesucht</translation>
    </message>
    <message>
        <source>Adding {names}</source>
        <translation>{names} wird hinzugefügt</translation>
    </message>
    <message>
        <source>no changes</source>
        <translation>keine Änderungen</translation>
    </message>
    <message>
        <source>Indexing cancelled ({summary}). Add the folder again to continue.</source>
        <translation>Einlesen abgebrochen ({summary}). Fügen Sie den Ordner erneut hinzu, um fortzufahren.</translation>
    </message>
    <message>
        <source>Done: {summary}.</source>
        <translation>Fertig: {summary}.</translation>
    </message>
    <message>
        <source>PictoPy&apos;s library is damaged</source>
        <translation>Die Bibliothek von PictoPy ist beschädigt</translation>
    </message>
    <message>
        <source>Repair restores the latest good backup, or else rebuilds the library from what can still be read; the damaged file is kept beside it.</source>
        <translation>Reparieren stellt die neueste intakte Sicherung wieder her oder baut die Bibliothek andernfalls aus allem neu auf, was sich noch lesen lässt; die beschädigte Datei bleibt daneben erhalten.</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>Reparieren</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>PictoPy — Upgrading your library</source>
        <translation>PictoPy — Ihre Bibliothek wird aktualisiert</translation>
    </message>
    <message>
        <source>Upgrading your library to this version of PictoPy; a copy is kept first…</source>
        <translation>Ihre Bibliothek wird auf diese Version von PictoPy aktualisiert; zuerst wird eine Kopie angelegt…</translation>
    </message>
    <message>
        <source>PictoPy — Repairing the library</source>
        <translation>PictoPy — Die Bibliothek wird repariert</translation>
    </message>
    <message>
        <source>Repairing the library…</source>
        <translation>Die Bibliothek wird repariert…</translation>
    </message>
    <message>
        <source>The daily backup of the library was not made: {reason}</source>
        <translation>Die tägliche Sicherung der Bibliothek wurde nicht erstellt: {reason}</translation>
    </message>
    <message>
        <source>Nothing on this computer could open {url}.</source>
        <translation>Nichts auf diesem Computer konnte {url} öffnen.</translation>
    </message>
    <message>
        <source>PictoPy</source>
        <translation>PictoPy</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Search people, things, albums, folders, dates, favourites…  (e.g. “Alice dog”, “2019”), or drop a photo of a face</source>
        <translation>Personen, Dinge, Alben, Ordner, Daten, Favoriten suchen…  (z. B. „Alice Hund“, „2019“), oder ein Foto eines Gesichts hier ablegen</translation>
    </message>
    <message>
        <source>Add folder</source>
        <translation>Ordner hinzufügen</translation>
    </message>
    <message>
        <source>Add a folder of photos to the library (or drop one onto the window)</source>
        <translation>Einen Ordner mit Fotos zur Bibliothek hinzufügen (oder einen auf das Fenster ziehen)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Suche leeren</translation>
    </message>
    <message>
        <source>More menus</source>
        <translation>Weitere Menüs</translation>
    </message>
    <message>
        <source>No photos with a face like this one (other than itself).</source>
        <translation>Keine Fotos mit einem Gesicht wie diesem (außer ihm selbst).</translation>
    </message>
    <message>
        <source>No photos yet</source>
        <translation>Noch keine Fotos</translation>
    </message>
    <message>
        <source>Add a folder of photos</source>
        <translation>Einen Ordner mit Fotos hinzufügen</translation>
    </message>
    <message>
        <source>Things and faces are off: some models are missing. Open Settings → Models to download them.</source>
        <translation>Dinge und Gesichter sind aus: Einige Modelle fehlen. Öffnen Sie Einstellungen → Modelle, um sie herunterzuladen.</translation>
    </message>
    <message>
        <source>d</source>
        <translation>d.</translation>
    </message>
    <message>
        <source>d MMM</source>
        <translation>d. MMM</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <translation>d. MMM yyyy</translation>
    </message>
    <message>
        <source>d MMMM yyyy</source>
        <translation>d. MMMM yyyy</translation>
    </message>
    <message>
        <source>Trip</source>
        <translation>Reise</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>No memories yet.
Add a folder of photos: those with a capture date become “On this day” memories, trips and events here.</source>
        <translation>Noch keine Erinnerungen.
Fügen Sie einen Ordner mit Fotos hinzu: Fotos mit Aufnahmedatum werden hier zu „An diesem Tag“-Erinnerungen, Reisen und Ereignissen.</translation>
    </message>
    <message>
        <source>No memories yet.</source>
        <translation>Noch keine Erinnerungen.</translation>
    </message>
    <message>
        <source>Memories appear here as more dated photos arrive.</source>
        <translation>Erinnerungen erscheinen hier, sobald weitere Fotos mit Datum hinzukommen.</translation>
    </message>
    <message>
        <source>Memories</source>
        <translation>Erinnerungen</translation>
    </message>
    <message>
        <source>On this day</source>
        <translation>An diesem Tag</translation>
    </message>
    <message>
        <source>Trips and events</source>
        <translation>Reisen und Ereignisse</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Add folder…</source>
        <translation>Ordner &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Add a folder of photos to the library</source>
        <translation>Einen Ordner mit Fotos zur Bibliothek hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Export names and albums…</source>
        <translation>Namen und Alben &amp;exportieren…</translation>
    </message>
    <message>
        <source>Save people&apos;s names, albums and favourites to a file</source>
        <translation>Namen von Personen, Alben und Favoriten in einer Datei sichern</translation>
    </message>
    <message>
        <source>&amp;Import names and albums…</source>
        <translation>Namen und Alben &amp;importieren…</translation>
    </message>
    <message>
        <source>Apply names and albums exported from another PictoPy</source>
        <translation>Namen und Alben übernehmen, die aus einem anderen PictoPy exportiert wurden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <source>&amp;Bigger thumbnails</source>
        <translation>&amp;Größere Vorschaubilder</translation>
    </message>
    <message>
        <source>&amp;Smaller thumbnails</source>
        <translation>&amp;Kleinere Vorschaubilder</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>&amp;Protokollordner öffnen</translation>
    </message>
    <message>
        <source>Show the app&apos;s log files</source>
        <translation>Die Protokolldateien der App zeigen</translation>
    </message>
    <message>
        <source>Copy &amp;diagnostics</source>
        <translation>&amp;Diagnose kopieren</translation>
    </message>
    <message>
        <source>Versions, what runs each model, the folders and the last problems, for a bug report</source>
        <translation>Versionen, was jedes Modell ausführt, die Ordner und die letzten Probleme, für einen Fehlerbericht</translation>
    </message>
    <message>
        <source>&amp;About PictoPy</source>
        <translation>&amp;Über PictoPy</translation>
    </message>
    <message>
        <source>an unnamed person</source>
        <translation>einer namenlosen Person</translation>
    </message>
    <message>
        <source>{photos} of {who}</source>
        <translation>{photos} von {who}</translation>
    </message>
    <message>
        <source>Same person?</source>
        <translation>Dieselbe Person?</translation>
    </message>
    <message>
        <source>Merge {what} into {name}?</source>
        <translation>{what} mit {name} zusammenführen?</translation>
    </message>
    <message>
        <source>this unnamed person</source>
        <translation>dieser namenlosen Person</translation>
    </message>
    <message>
        <source>They become one person named {name}.</source>
        <translation>Sie werden zu einer Person namens {name}.</translation>
    </message>
    <message>
        <source>They become one person.</source>
        <translation>Sie werden zu einer Person.</translation>
    </message>
    <message>
        <source>Ctrl+Z undoes it.</source>
        <translation>Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Zusammenführen</translation>
    </message>
    <message>
        <source>No name yet</source>
        <translation>Noch kein Name</translation>
    </message>
    <message>
        <source>The ML pipeline could not be loaded (see the log); photos can still be browsed.</source>
        <translation>Die Erkennung konnte nicht geladen werden (siehe Protokoll); Fotos lassen sich weiterhin ansehen.</translation>
    </message>
    <message>
        <source>Checking models…</source>
        <translation>Modelle werden geprüft…</translation>
    </message>
    <message>
        <source>Download models</source>
        <translation>Modelle herunterladen</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>Ordner wählen…</translation>
    </message>
    <message>
        <source>Models folder: {where}</source>
        <translation>Modellordner: {where}</translation>
    </message>
    <message>
        <source>⚠  Tags and faces are off until the models are here</source>
        <translation>⚠  Schlagwörter und Gesichter sind aus, bis die Modelle da sind</translation>
    </message>
    <message>
        <source>✓  Models ready: things and faces are found as photos are added</source>
        <translation>✓  Modelle bereit: Dinge und Gesichter werden gefunden, sobald Fotos hinzukommen</translation>
    </message>
    <message>
        <source>Folder that holds the models</source>
        <translation>Ordner, der die Modelle enthält</translation>
    </message>
    <message>
        <source>Models ready ({count} downloaded). Analysing your photos…</source>
        <translation>Modelle bereit ({count} heruntergeladen). Ihre Fotos werden analysiert…</translation>
    </message>
    <message>
        <source>Welcome to PictoPy</source>
        <translation>Willkommen bei PictoPy</translation>
    </message>
    <message>
        <source>Add a folder of photos to start, or drop a folder onto this window.
PictoPy finds the people and things in them — everything stays on this computer.</source>
        <translation>Fügen Sie zum Start einen Ordner mit Fotos hinzu oder ziehen Sie einen Ordner auf dieses Fenster.
PictoPy findet die Personen und Dinge darin – alles bleibt auf diesem Computer.</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>Einen Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>or drop a folder here</source>
        <translation>oder einen Ordner hier ablegen</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Add a name</source>
        <translation>Namen hinzufügen</translation>
    </message>
    <message>
        <source>{photos} · {faces}</source>
        <translation>{photos} · {faces}</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Merge selected</source>
        <translation>Auswahl zusammenführen</translation>
    </message>
    <message>
        <source>Put the selected people together as one person</source>
        <translation>Die ausgewählten Personen zu einer Person zusammenführen</translation>
    </message>
    <message>
        <source>Unknown faces</source>
        <translation>Unbekannte Gesichter</translation>
    </message>
    <message>
        <source>Faces not in anyone yet: name them or move them to a person</source>
        <translation>Gesichter, die noch niemandem gehören: benennen Sie sie oder verschieben Sie sie zu einer Person</translation>
    </message>
    <message>
        <source>Show hidden people</source>
        <translation>Ausgeblendete Personen zeigen</translation>
    </message>
    <message>
        <source>Regroup faces now</source>
        <translation>Gesichter jetzt neu gruppieren</translation>
    </message>
    <message>
        <source>Group faces into people again now; names and your corrections are kept</source>
        <translation>Gesichter jetzt erneut zu Personen gruppieren; Namen und Ihre Korrekturen bleiben erhalten</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Mehr</translation>
    </message>
    <message>
        <source>Hidden people, regroup faces</source>
        <translation>Ausgeblendete Personen, Gesichter neu gruppieren</translation>
    </message>
    <message>
        <source>No people yet.
Faces found in your photos are grouped into people here as photos are analysed.</source>
        <translation>Noch keine Personen.
In Ihren Fotos gefundene Gesichter werden hier zu Personen gruppiert, während die Fotos analysiert werden.</translation>
    </message>
    <message>
        <source>{people} · {named} named</source>
        <translation>{people} · {named} mit Namen</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation>Zusammenführen mit…</translation>
    </message>
    <message>
        <source>Show this person again</source>
        <translation>Diese Person wieder zeigen</translation>
    </message>
    <message>
        <source>Hide this person</source>
        <translation>Diese Person ausblenden</translation>
    </message>
    <message>
        <source>‹ People</source>
        <translation>‹ Personen</translation>
    </message>
    <message>
        <source>No photos.</source>
        <translation>Keine Fotos.</translation>
    </message>
    <message>
        <source>Faces — right-click one to move it to someone else or remove it</source>
        <translation>Gesichter – klicken Sie eines mit der rechten Maustaste an, um es jemand anderem zuzuordnen oder zu entfernen</translation>
    </message>
    <message>
        <source>This is someone already in People: put the two together</source>
        <translation>Das ist jemand, der schon unter Personen ist: die beiden zusammenführen</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>This person no longer exists (merged or removed).</source>
        <translation>Diese Person gibt es nicht mehr (zusammengeführt oder entfernt).</translation>
    </message>
    <message>
        <source>Name selected…</source>
        <translation>Auswahl benennen…</translation>
    </message>
    <message>
        <source>No unknown faces: every face found belongs to someone.</source>
        <translation>Keine unbekannten Gesichter: Jedes gefundene Gesicht gehört zu jemandem.</translation>
    </message>
    <message>
        <source>A name can&apos;t be empty.</source>
        <translation>Ein Name darf nicht leer sein.</translation>
    </message>
    <message>
        <source>Renaming failed</source>
        <translation>Umbenennen fehlgeschlagen</translation>
    </message>
    <message>
        <source>Merged {what} into {name}. Ctrl+Z undoes it.</source>
        <translation>{what} mit {name} zusammengeführt. Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>one person</source>
        <translation>einer Person</translation>
    </message>
    <message>
        <source>Merging failed</source>
        <translation>Zusammenführen fehlgeschlagen</translation>
    </message>
    <message>
        <source>Moving the face failed</source>
        <translation>Das Gesicht konnte nicht verschoben werden</translation>
    </message>
    <message>
        <source>Removing the face failed</source>
        <translation>Das Gesicht konnte nicht entfernt werden</translation>
    </message>
    <message>
        <source>Naming the face failed</source>
        <translation>Das Gesicht konnte nicht benannt werden</translation>
    </message>
    <message>
        <source>Confirming the face failed</source>
        <translation>Das Gesicht konnte nicht bestätigt werden</translation>
    </message>
    <message>
        <source>Rejecting the suggestion failed</source>
        <translation>Der Vorschlag konnte nicht abgelehnt werden</translation>
    </message>
    <message>
        <source>Faces regrouped: {people} ({named} named), {unknown} still unknown.</source>
        <translation>Gesichter neu gruppiert: {people} ({named} mit Namen), {unknown} noch unbekannt.</translation>
    </message>
    <message>
        <source>Regrouping faces failed</source>
        <translation>Neugruppieren der Gesichter fehlgeschlagen</translation>
    </message>
    <message>
        <source>Hiding failed</source>
        <translation>Ausblenden fehlgeschlagen</translation>
    </message>
    <message>
        <source>Setting the cover failed</source>
        <translation>Das Titelbild konnte nicht gesetzt werden</translation>
    </message>
    <message>
        <source>Undone: {what}</source>
        <translation>Rückgängig gemacht: {what}</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>Nichts rückgängig zu machen.</translation>
    </message>
    <message>
        <source>Undo failed</source>
        <translation>Rückgängigmachen fehlgeschlagen</translation>
    </message>
    <message>
        <source>Redone: {what}</source>
        <translation>Wiederhergestellt: {what}</translation>
    </message>
    <message>
        <source>Nothing to redo.</source>
        <translation>Nichts wiederherzustellen.</translation>
    </message>
    <message>
        <source>Redo failed</source>
        <translation>Wiederherstellen fehlgeschlagen</translation>
    </message>
    <message>
        <source>Who is this?</source>
        <translation>Wer ist das?</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Benennen</translation>
    </message>
    <message>
        <source>Merge into</source>
        <translation>Zusammenführen mit</translation>
    </message>
    <message>
        <source>Who is {name} really?</source>
        <translation>Wer ist {name} wirklich?</translation>
    </message>
    <message>
        <source>Who is this really?</source>
        <translation>Wer ist das wirklich?</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Auswählen</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>Verschieben zu</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <source>Moving the faces failed</source>
        <translation>Die Gesichter konnten nicht verschoben werden</translation>
    </message>
    <message>
        <source>Who is this?…</source>
        <translation>Wer ist das?…</translation>
    </message>
    <message>
        <source>This is someone else…</source>
        <translation>Das ist jemand anderes…</translation>
    </message>
    <message>
        <source>Move to…</source>
        <translation>Verschieben zu…</translation>
    </message>
    <message>
        <source>Choose the person this face belongs to</source>
        <translation>Die Person wählen, zu der dieses Gesicht gehört</translation>
    </message>
    <message>
        <source>Use as cover photo</source>
        <translation>Als Titelbild verwenden</translation>
    </message>
    <message>
        <source>Not this person</source>
        <translation>Nicht diese Person</translation>
    </message>
    <message>
        <source>Not a face</source>
        <translation>Kein Gesicht</translation>
    </message>
    <message>
        <source>Take the face out of this person; it will not be put back by re-clustering</source>
        <translation>Das Gesicht aus dieser Person herausnehmen; neues Gruppieren legt es nicht zurück</translation>
    </message>
    <message>
        <source>Rotating failed</source>
        <translation>Drehen fehlgeschlagen</translation>
    </message>
    <message>
        <source>Deleting failed</source>
        <translation>Löschen fehlgeschlagen</translation>
    </message>
    <message>
        <source>{name} was not moved to the {trash}: {reason}.</source>
        <translation>{name} wurde nicht in den {trash} verschoben: {reason}.</translation>
    </message>
    <message>
        <source>Moved {what} to the {trash}. “Recently removed” lists it.</source>
        <translation>{what} in den {trash} verschoben. „Zuletzt entfernt“ führt es auf.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Not everything came back from the trash.</source>
        <translation>Nicht alles kam aus dem Papierkorb zurück.</translation>
    </message>
    <message>
        <source>Restored {what}.</source>
        <translation>{what} wiederhergestellt.</translation>
    </message>
    <message>
        <source>Restoring failed</source>
        <translation>Wiederherstellen fehlgeschlagen</translation>
    </message>
    <message>
        <source>Copied {name}.</source>
        <translation>{name} kopiert.</translation>
    </message>
    <message>
        <source>Could not copy {name}: {reason}</source>
        <translation>{name} konnte nicht kopiert werden: {reason}</translation>
    </message>
    <message>
        <source>No places yet.
Add a folder of photos: those that carry a GPS position (most phone photos do) are grouped here by country and town, named on this computer.</source>
        <translation>Noch keine Orte.
Fügen Sie einen Ordner mit Fotos hinzu: Fotos mit GPS-Position (die meisten Handyfotos haben eine) werden hier nach Land und Ort gruppiert, benannt auf diesem Computer.</translation>
    </message>
    <message>
        <source>No places yet.</source>
        <translation>Noch keine Orte.</translation>
    </message>
    <message>
        <source>Phones and many cameras record one when location is turned on; photos without it can&apos;t be placed. Nothing is looked up online.</source>
        <translation>Handys und viele Kameras speichern sie, wenn die Standortfunktion an ist; Fotos ohne sie lassen sich keinem Ort zuordnen. Nichts wird online nachgeschlagen.</translation>
    </message>
    <message>
        <source>‹ All countries</source>
        <translation>‹ Alle Länder</translation>
    </message>
    <message>
        <source>{country} · {places} · {photos} · right-click a place to open it in a map</source>
        <translation>{country} · {places} · {photos} · Rechtsklick auf einen Ort öffnet ihn in einer Karte</translation>
    </message>
    <message>
        <source>{countries} · {photos} with a GPS position · named offline</source>
        <translation>{countries} · {photos} mit GPS-Position · offline benannt</translation>
    </message>
    <message>
        <source>Open in map ↗</source>
        <translation>Auf der Karte öffnen ↗</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <source>Recently removed by PictoPy</source>
        <translation>Zuletzt von PictoPy entfernt</translation>
    </message>
    <message>
        <source>Files PictoPy moved to the system trash. Restore puts a file back where it was; the photo returns with its albums and favourite.</source>
        <translation>Dateien, die PictoPy in den Papierkorb des Systems verschoben hat. Wiederherstellen legt eine Datei dorthin zurück, wo sie war; das Foto kehrt mit seinen Alben und seinem Favoriten zurück.</translation>
    </message>
    <message>
        <source>Files PictoPy moved to the {trash}. Restore says where to find each one there.</source>
        <translation>Dateien, die PictoPy in den {trash} verschoben hat. Wiederherstellen sagt, wo jede dort zu finden ist.</translation>
    </message>
    <message>
        <source>PictoPy has not moved anything to the trash.</source>
        <translation>PictoPy hat nichts in den Papierkorb verschoben.</translation>
    </message>
    <message>
        <source>The copy kept: {path}</source>
        <translation>Die behaltene Kopie: {path}</translation>
    </message>
    <message>
        <source>Restored {when}</source>
        <translation>Wiederhergestellt am {when}</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Put {name} back in {folder}</source>
        <translation>{name} zurück nach {folder} legen</translation>
    </message>
    <message>
        <source>{name} was not restored.</source>
        <translation>{name} wurde nicht wiederhergestellt.</translation>
    </message>
    <message>
        <source>Restored {name} to {folder}.</source>
        <translation>{name} nach {folder} wiederhergestellt.</translation>
    </message>
    <message>
        <source>Restoring {name} failed</source>
        <translation>{name} konnte nicht wiederhergestellt werden</translation>
    </message>
    <message>
        <source>No photos yet.</source>
        <translation>Noch keine Fotos.</translation>
    </message>
    <message>
        <source>Favourites</source>
        <translation>Favoriten</translation>
    </message>
    <message>
        <source>No favourites yet.
Click the heart in the viewer, or select photos and press “.”, to add them here.</source>
        <translation>Noch keine Favoriten.
Klicken Sie im Betrachter auf das Herz oder wählen Sie Fotos aus und drücken Sie „.“, um sie hier hinzuzufügen.</translation>
    </message>
    <message>
        <source>Nothing matches.</source>
        <translation>Nichts passt.</translation>
    </message>
    <message>
        <source>Drop photos here to add them</source>
        <translation>Fotos hier ablegen, um sie hinzuzufügen</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>Orte</translation>
    </message>
    <message>
        <source>Things</source>
        <translation>Dinge</translation>
    </message>
    <message>
        <source>No things found yet.
Objects found in your photos (dogs, cars, cups…) are listed here once photos are analysed.</source>
        <translation>Noch keine Dinge gefunden.
Gegenstände in Ihren Fotos (Hunde, Autos, Tassen…) werden hier aufgeführt, sobald die Fotos analysiert sind.</translation>
    </message>
    <message>
        <source>Albums</source>
        <translation>Alben</translation>
    </message>
    <message>
        <source>No albums yet.
Create one, then add photos from the gallery (right-click, or drag them onto the album in the sidebar).</source>
        <translation>Noch keine Alben.
Erstellen Sie eines und fügen Sie dann Fotos aus der Galerie hinzu (Rechtsklick, oder ziehen Sie sie auf das Album in der Seitenleiste).</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Recently removed</source>
        <translation>Zuletzt entfernt</translation>
    </message>
    <message>
        <source>Search: “{text}”</source>
        <translation>Suche: „{text}“</translation>
    </message>
    <message>
        <source>Album</source>
        <translation>Album</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Erinnerung</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Forget the folder&apos;s photos (the files are not touched)</source>
        <translation>Die Fotos des Ordners vergessen (die Dateien bleiben unberührt)</translation>
    </message>
    <message>
        <source>Look for new, changed and deleted photos</source>
        <translation>Nach neuen, geänderten und gelöschten Fotos suchen</translation>
    </message>
    <message>
        <source>Export names and albums…</source>
        <translation>Namen und Alben exportieren…</translation>
    </message>
    <message>
        <source>Save people&apos;s names, face assignments, albums and favourites, to bring them to another computer</source>
        <translation>Namen von Personen, Gesichtszuordnungen, Alben und Favoriten sichern, um sie auf einen anderen Computer mitzunehmen</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <source>Folders in your library:</source>
        <translation>Ordner in Ihrer Bibliothek:</translation>
    </message>
    <message>
        <source>Moving to a new computer:</source>
        <translation>Umzug auf einen neuen Computer:</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>Things: minimum confidence</source>
        <translation>Dinge: minimale Konfidenz</translation>
    </message>
    <message>
        <source>Faces: minimum confidence</source>
        <translation>Gesichter: minimale Konfidenz</translation>
    </message>
    <message>
        <source>Lower finds more (and more mistakes). New thresholds apply to photos analysed from now on.</source>
        <translation>Niedriger findet mehr (und mehr Fehler). Neue Schwellen gelten für Fotos, die ab jetzt analysiert werden.</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source> new photos</source>
        <translation> neuen Fotos</translation>
    </message>
    <message>
        <source>Regroup faces into people after</source>
        <translation>Gesichter neu zu Personen gruppieren nach</translation>
    </message>
    <message>
        <source>Write names, keywords, ratings and rotations to .xmp sidecars</source>
        <translation>Namen, Stichwörter, Bewertungen und Drehungen in .xmp-Begleitdateien schreiben</translation>
    </message>
    <message>
        <source>Photos rated 5 stars in other programs are favourites</source>
        <translation>Fotos, die andere Programme mit 5 Sternen bewertet haben, sind Favoriten</translation>
    </message>
    <message>
        <source>Keywords, ratings, colour labels, titles, captions and named faces that digiKam, Lightroom, Picasa or your phone wrote are always read. With writing on, what you change in PictoPy goes to a sidecar beside each photo (photo.jpg.xmp), merged with what other programs wrote there; the photo files themselves are never changed.</source>
        <translation>Stichwörter, Bewertungen, Farbmarkierungen, Titel, Beschreibungen und benannte Gesichter, die digiKam, Lightroom, Picasa oder Ihr Telefon geschrieben haben, werden immer gelesen. Ist das Schreiben an, kommt, was Sie in PictoPy ändern, in eine Begleitdatei neben jedem Foto (foto.jpg.xmp), zusammengeführt mit dem, was andere Programme dort geschrieben haben; die Fotodateien selbst werden nie verändert.</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Thumbnail memory cache</source>
        <translation>Speicher-Cache für Vorschaubilder</translation>
    </message>
    <message>
        <source>Library: {data}
Thumbnails: {thumbnails}
Settings: {settings}
Logs: {logs}</source>
        <translation>Bibliothek: {data}
Miniaturen: {thumbnails}
Einstellungen: {settings}
Protokolle: {logs}</translation>
    </message>
    <message>
        <source>Copy diagnostics</source>
        <translation>Diagnose kopieren</translation>
    </message>
    <message>
        <source>Versions, what runs each model, these folders and the last problems, for a bug report</source>
        <translation>Versionen, was jedes Modell ausführt, diese Ordner und die letzten Probleme, für einen Fehlerbericht</translation>
    </message>
    <message>
        <source>Running on:</source>
        <translation>Läuft auf:</translation>
    </message>
    <message>
        <source>The models are not loaded yet: they load when photos are analysed.</source>
        <translation>Die Modelle sind noch nicht geladen: Sie werden geladen, wenn Fotos analysiert werden.</translation>
    </message>
    <message>
        <source>{what}: {file} on {provider}</source>
        <translation>{what}: {file} auf {provider}</translation>
    </message>
    <message>
        <source>Available here: {providers}</source>
        <translation>Hier verfügbar: {providers}</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>System follows your computer&apos;s light or dark setting as it changes.</source>
        <translation>System folgt der hellen oder dunklen Einstellung Ihres Computers, auch wenn sie wechselt.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>The language changes when PictoPy starts again.</source>
        <translation>Die Sprache wechselt beim nächsten Start von PictoPy.</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation>Seitenleiste</translation>
    </message>
    <message>
        <source>Is this {name}?</source>
        <translation>Ist das {name}?</translation>
    </message>
    <message>
        <source>Is this the same person?</source>
        <translation>Ist das dieselbe Person?</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>Yes: put this face with {name}</source>
        <translation>Ja: dieses Gesicht zu {name} legen</translation>
    </message>
    <message>
        <source>this person</source>
        <translation>dieser Person</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>No: not this person; it will not be suggested for them again</source>
        <translation>Nein: nicht diese Person; es wird für sie nicht wieder vorgeschlagen</translation>
    </message>
    <message>
        <source>Is this them?</source>
        <translation>Sind sie das?</translation>
    </message>
    <message>
        <source>Review all</source>
        <translation>Alle durchgehen</translation>
    </message>
    <message>
        <source>Go through the suggestions one key press each: Y yes, N no, S skip</source>
        <translation>Die Vorschläge mit je einem Tastendruck durchgehen: Y ja, N nein, S überspringen</translation>
    </message>
    <message>
        <source>Review suggested faces</source>
        <translation>Vorgeschlagene Gesichter durchgehen</translation>
    </message>
    <message>
        <source>Yes  (Y)</source>
        <translation>Ja  (Y)</translation>
    </message>
    <message>
        <source>No  (N)</source>
        <translation>Nein  (N)</translation>
    </message>
    <message>
        <source>Skip  (S)</source>
        <translation>Überspringen  (S)</translation>
    </message>
    <message>
        <source>Nothing to review: no Unknown face looks like anyone in People right now.</source>
        <translation>Nichts durchzusehen: Derzeit sieht kein unbekanntes Gesicht wie jemand unter Personen aus.</translation>
    </message>
    <message>
        <source>{position} of {count}</source>
        <translation>{position} von {count}</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Drag to jump through the years</source>
        <translation>Ziehen, um durch die Jahre zu springen</translation>
    </message>
    <message>
        <source>Timeline scrubber</source>
        <translation>Zeitleisten-Schieber</translation>
    </message>
    <message>
        <source>Drag to jump through the photos</source>
        <translation>Ziehen, um durch die Fotos zu springen</translation>
    </message>
    <message>
        <source>Every photo in the library is on hand.</source>
        <translation>Jedes Foto der Bibliothek ist verfügbar.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>. They keep their names, albums and favourites, and come back whole when their files return.</source>
        <translation>. Sie behalten ihre Namen, Alben und Favoriten und kehren vollständig zurück, wenn ihre Dateien wieder da sind.</translation>
    </message>
    <message>
        <source>Forget them…</source>
        <translation>Sie vergessen…</translation>
    </message>
    <message>
        <source>Remove these photos from the library for good (the files are not touched)</source>
        <translation>Diese Fotos endgültig aus der Bibliothek entfernen (die Dateien bleiben unberührt)</translation>
    </message>
    <message>
        <source>Forget offline and missing photos</source>
        <translation>Offline- und fehlende Fotos vergessen</translation>
    </message>
    <message>
        <source>Forgetting the photos failed</source>
        <translation>Die Fotos konnten nicht vergessen werden</translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation>Abspielen oder pausieren</translation>
    </message>
    <message>
        <source>Position in the video</source>
        <translation>Position im Video</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Unnamed</source>
        <translation>Namenlos</translation>
    </message>
    <message>
        <source>Play in your video player</source>
        <translation>In Ihrem Videoplayer abspielen</translation>
    </message>
    <message>
        <source>Click to name this face, move it to someone or find photos with it</source>
        <translation>Klicken, um dieses Gesicht zu benennen, jemandem zuzuordnen oder Fotos damit zu finden</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <source>Lens</source>
        <translation>Objektiv</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>Belichtung</translation>
    </message>
    <message>
        <source>Aperture</source>
        <translation>Blende</translation>
    </message>
    <message>
        <source>ISO</source>
        <translation>ISO</translation>
    </message>
    <message>
        <source>Focal length</source>
        <translation>Brennweite</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Markierung</translation>
    </message>
    <message>
        <source>Keywords</source>
        <translation>Stichwörter</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>(file date)</source>
        <translation>(Dateidatum)</translation>
    </message>
    <message>
        <source>Unknown face</source>
        <translation>Unbekanntes Gesicht</translation>
    </message>
    <message>
        <source>Open in map</source>
        <translation>Auf der Karte öffnen</translation>
    </message>
    <message>
        <source>Photos taken here</source>
        <translation>Hier aufgenommene Fotos</translation>
    </message>
    <message>
        <source>Shows every photo with the keyword {keyword}</source>
        <translation>Zeigt alle Fotos mit dem Stichwort {keyword}</translation>
    </message>
    <message>
        <source>Shows every photo taken in {place}</source>
        <translation>Zeigt alle in {place} aufgenommenen Fotos</translation>
    </message>
    <message>
        <source>Opens the position in your web browser (OpenStreetMap)</source>
        <translation>Öffnet die Position in Ihrem Webbrowser (OpenStreetMap)</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ Zurück</translation>
    </message>
    <message>
        <source>Back to the gallery (Esc)</source>
        <translation>Zurück zur Galerie (Esc)</translation>
    </message>
    <message>
        <source>Previous (Left arrow)</source>
        <translation>Vorheriges (Pfeil links)</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorheriges</translation>
    </message>
    <message>
        <source>Next (Right arrow)</source>
        <translation>Nächstes (Pfeil rechts)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächstes</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Fit to window (F)</source>
        <translation>In das Fenster einpassen (F)</translation>
    </message>
    <message>
        <source>Actual size (1)</source>
        <translation>Originalgröße (1)</translation>
    </message>
    <message>
        <source>Faces</source>
        <translation>Gesichter</translation>
    </message>
    <message>
        <source>Show face boxes</source>
        <translation>Gesichtsrahmen zeigen</translation>
    </message>
    <message>
        <source>Show the info panel (I)</source>
        <translation>Die Infoleiste zeigen (I)</translation>
    </message>
    <message>
        <source>Favourite (.)</source>
        <translation>Favorit (.)</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Favorit</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Play in your video player (P)</source>
        <translation>In Ihrem Videoplayer abspielen (P)</translation>
    </message>
    <message>
        <source>Move to the trash (Delete)</source>
        <translation>In den Papierkorb verschieben (Entf)</translation>
    </message>
    <message>
        <source>More: full screen, rotate, slideshow, show in folder, open with, copy</source>
        <translation>Mehr: Vollbild, Drehen, Diashow, im Ordner zeigen, öffnen mit, kopieren</translation>
    </message>
    <message>
        <source>Full screen  (F11, double-click)</source>
        <translation>Vollbild  (F11, Doppelklick)</translation>
    </message>
    <message>
        <source>Slideshow  (S)</source>
        <translation>Diashow  (S)</translation>
    </message>
    <message>
        <source>Develop RAW at full size</source>
        <translation>RAW in voller Größe entwickeln</translation>
    </message>
    <message>
        <source>This video is offline: the drive or folder holding it is not connected.</source>
        <translation>Dieses Video ist offline: Das Laufwerk oder der Ordner, der es enthält, ist nicht verbunden.</translation>
    </message>
    <message>
        <source>This photo is offline: the drive or folder holding it is not connected.</source>
        <translation>Dieses Foto ist offline: Das Laufwerk oder der Ordner, der es enthält, ist nicht verbunden.</translation>
    </message>
    <message>
        <source>Its names, albums and favourite are kept; connect the drive and it comes back.</source>
        <translation>Seine Namen, Alben und sein Favorit bleiben erhalten; verbinden Sie das Laufwerk, und es kommt zurück.</translation>
    </message>
    <message>
        <source>Developing RAW…</source>
        <translation>RAW wird entwickelt…</translation>
    </message>
    <message>
        <source>This video cannot be shown: {reason}</source>
        <translation>Dieses Video kann nicht angezeigt werden: {reason}</translation>
    </message>
    <message>
        <source>This photo cannot be shown: {reason}</source>
        <translation>Dieses Foto kann nicht angezeigt werden: {reason}</translation>
    </message>
    <message>
        <source>Remove from favourites (.)</source>
        <translation>Aus den Favoriten entfernen (.)</translation>
    </message>
    <message>
        <source>Add to favourites (.)</source>
        <translation>Zu den Favoriten hinzufügen (.)</translation>
    </message>
    <message>
        <source>PictoPy could not play this video ({reason}); opening your video player.</source>
        <translation>PictoPy konnte dieses Video nicht abspielen ({reason}); Ihr Videoplayer wird geöffnet.</translation>
    </message>
    <message>
        <source>Slideshow: next photo every</source>
        <translation>Diashow: nächstes Foto alle</translation>
    </message>
    <message>
        <source>Yes, this is {name}</source>
        <translation>Ja, das ist {name}</translation>
    </message>
    <message>
        <source>No, not {name}</source>
        <translation>Nein, nicht {name}</translation>
    </message>
    <message>
        <source>Add a name…</source>
        <translation>Namen hinzufügen…</translation>
    </message>
    <message>
        <source>Find photos with this face</source>
        <translation>Fotos mit diesem Gesicht finden</translation>
    </message>
    <message>
        <source>{size} MB</source>
        <translation>{size} MB</translation>
    </message>
    <message>
        <source>{size} KB</source>
        <translation>{size} KB</translation>
    </message>
    <message>
        <source>Recycle Bin</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message numerus="yes">
        <source>%Ln album(s)</source>
        <translation>
            <numerusform>%Ln Album</numerusform>
            <numerusform>%Ln Alben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln analysed</source>
        <translation>
            <numerusform>%Ln analysiert</numerusform>
            <numerusform>%Ln analysiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln back</source>
        <translation>
            <numerusform>%Ln zurück</numerusform>
            <numerusform>%Ln zurück</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln country(-ies)</source>
        <translation>
            <numerusform>%Ln Land</numerusform>
            <numerusform>%Ln Länder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln extra copy(-ies)</source>
        <translation>
            <numerusform>%Ln überzählige Kopie</numerusform>
            <numerusform>%Ln überzählige Kopien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln face(s)</source>
        <translation>
            <numerusform>%Ln Gesicht</numerusform>
            <numerusform>%Ln Gesichter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln face(s) not in anyone yet. Select faces of one person and name them.</source>
        <translation>
            <numerusform>%Ln Gesicht gehört noch niemandem. Wählen Sie Gesichter einer Person aus und benennen Sie sie.</numerusform>
            <numerusform>%Ln Gesichter gehören noch niemandem. Wählen Sie Gesichter einer Person aus und benennen Sie sie.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln face(s) were left as they are here (Ctrl+Z takes the import back).</source>
        <translation>
            <numerusform>%Ln Gesicht blieb hier, wie es ist (Strg+Z nimmt den Import zurück).</numerusform>
            <numerusform>%Ln Gesichter blieben hier, wie sie sind (Strg+Z nimmt den Import zurück).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln Datei</numerusform>
            <numerusform>%Ln Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) could not be read.</source>
        <translation>
            <numerusform>%Ln Datei konnte nicht gelesen werden.</numerusform>
            <numerusform>%Ln Dateien konnten nicht gelesen werden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) unreadable</source>
        <translation>
            <numerusform>%Ln Datei nicht lesbar</numerusform>
            <numerusform>%Ln Dateien nicht lesbar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln folder(s) in the library</source>
        <translation>
            <numerusform>%Ln Ordner in der Bibliothek</numerusform>
            <numerusform>%Ln Ordner in der Bibliothek</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln group(s)</source>
        <translation>
            <numerusform>%Ln Gruppe</numerusform>
            <numerusform>%Ln Gruppen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) were not read: pipes, devices or links leading out of the library.</source>
        <translation>
            <numerusform>%Ln Element wurde nicht gelesen: Pipes, Geräte oder Verknüpfungen, die aus der Bibliothek hinausführen.</numerusform>
            <numerusform>%Ln Elemente wurden nicht gelesen: Pipes, Geräte oder Verknüpfungen, die aus der Bibliothek hinausführen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln keyword(s) from the photos&apos; metadata</source>
        <translation>
            <numerusform>%Ln Stichwort aus den Metadaten der Fotos</numerusform>
            <numerusform>%Ln Stichwörter aus den Metadaten der Fotos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln kind(s) of thing found in your photos</source>
        <translation>
            <numerusform>%Ln Art von Dingen in Ihren Fotos gefunden</numerusform>
            <numerusform>%Ln Arten von Dingen in Ihren Fotos gefunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln missing (kept for now)</source>
        <translation>
            <numerusform>%Ln fehlt (vorerst behalten)</numerusform>
            <numerusform>%Ln fehlen (vorerst behalten)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln moved</source>
        <translation>
            <numerusform>%Ln verschoben</numerusform>
            <numerusform>%Ln verschoben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new or changed</source>
        <translation>
            <numerusform>%Ln neu oder geändert</numerusform>
            <numerusform>%Ln neu oder geändert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of your photos has a capture date, but none was taken on this day in an earlier year, and no day or trip holds %1 of them yet.</source>
        <translation>
            <numerusform>%Ln Ihrer Fotos hat ein Aufnahmedatum, aber keines wurde in einem früheren Jahr an diesem Tag aufgenommen, und noch kein Tag und keine Reise umfasst %1 davon.</numerusform>
            <numerusform>%Ln Ihrer Fotos haben ein Aufnahmedatum, aber keines wurde in einem früheren Jahr an diesem Tag aufgenommen, und noch kein Tag und keine Reise umfasst %1 davon.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln offline (kept)</source>
        <translation>
            <numerusform>%Ln offline (behalten)</numerusform>
            <numerusform>%Ln offline (behalten)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln on this day</source>
        <translation>
            <numerusform>%Ln an diesem Tag</numerusform>
            <numerusform>%Ln an diesem Tag</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln person(s)</source>
        <translation>
            <numerusform>%Ln Person</numerusform>
            <numerusform>%Ln Personen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln Foto</numerusform>
            <numerusform>%Ln Fotos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s) missing (the file is gone)</source>
        <translation>
            <numerusform>%Ln Foto fehlt (die Datei ist weg)</numerusform>
            <numerusform>%Ln Fotos fehlen (die Dateien sind weg)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s) offline (the drive or folder holding them can&apos;t be reached)</source>
        <translation>
            <numerusform>%Ln Foto offline (das Laufwerk oder der Ordner, der es enthält, ist nicht erreichbar)</numerusform>
            <numerusform>%Ln Fotos offline (das Laufwerk oder der Ordner, der sie enthält, ist nicht erreichbar)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln place(s)</source>
        <translation>
            <numerusform>%Ln Ort</numerusform>
            <numerusform>%Ln Orte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln removed</source>
        <translation>
            <numerusform>%Ln entfernt</numerusform>
            <numerusform>%Ln entfernt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rotated photo(s) were copied unturned: their format cannot be turned without losing quality.</source>
        <translation>
            <numerusform>%Ln gedrehtes Foto wurde ungedreht kopiert: Sein Format lässt sich nicht ohne Qualitätsverlust drehen.</numerusform>
            <numerusform>%Ln gedrehte Fotos wurden ungedreht kopiert: Ihr Format lässt sich nicht ohne Qualitätsverlust drehen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln sidecar(s) could not be written; the photos and the library are unchanged.</source>
        <translation>
            <numerusform>%Ln Begleitdatei konnte nicht geschrieben werden; die Fotos und die Bibliothek sind unverändert.</numerusform>
            <numerusform>%Ln Begleitdateien konnten nicht geschrieben werden; die Fotos und die Bibliothek sind unverändert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trip(s) and event(s)</source>
        <translation>
            <numerusform>%Ln Reise oder Ereignis</numerusform>
            <numerusform>%Ln Reisen und Ereignisse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln waiting for analysis</source>
        <translation>
            <numerusform>%Ln wartet auf Analyse</numerusform>
            <numerusform>%Ln warten auf Analyse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n Sekunde</numerusform>
            <numerusform>%n Sekunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %Ln photo(s) to “{album}”.</source>
        <translation>
            <numerusform>%Ln Foto zu „{album}“ hinzugefügt.</numerusform>
            <numerusform>%Ln Fotos zu „{album}“ hinzugefügt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Album “{name}” created with %Ln photo(s).</source>
        <translation>
            <numerusform>Album „{name}“ mit %Ln Foto erstellt.</numerusform>
            <numerusform>Album „{name}“ mit %Ln Fotos erstellt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %Ln photo(s) of {what}{raws} to {dest}.</source>
        <translation>
            <numerusform>%Ln Foto von {what}{raws} nach {dest} kopiert.</numerusform>
            <numerusform>%Ln Fotos von {what}{raws} nach {dest} kopiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %Ln photo(s) of {what}{raws} to {dest}; {failed} could not be copied.</source>
        <translation>
            <numerusform>%Ln Foto von {what}{raws} nach {dest} kopiert; {failed} konnten nicht kopiert werden.</numerusform>
            <numerusform>%Ln Fotos von {what}{raws} nach {dest} kopiert; {failed} konnten nicht kopiert werden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln person(s) and {albums} to {path}.</source>
        <translation>
            <numerusform>%Ln Person und {albums} nach {path} exportiert.</numerusform>
            <numerusform>%Ln Personen und {albums} nach {path} exportiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Forget %Ln photo(s) for good, with their names, albums and favourites?
They are saved to a file first (Import… puts them back if the photos return). The files are not touched.</source>
        <translation>
            <numerusform>%Ln Foto endgültig vergessen, mit seinen Namen, Alben und Favoriten?
Sie werden vorher in einer Datei gesichert (Importieren… stellt sie wieder her, falls das Foto zurückkehrt). Die Dateien bleiben unberührt.</numerusform>
            <numerusform>%Ln Fotos endgültig vergessen, mit ihren Namen, Alben und Favoriten?
Sie werden vorher in einer Datei gesichert (Importieren… stellt sie wieder her, falls die Fotos zurückkehren). Die Dateien bleiben unberührt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Forgot %Ln photo(s). Their names and albums were saved to {saved}.</source>
        <translation>
            <numerusform>%Ln Foto vergessen. Seine Namen und Alben wurden in {saved} gesichert.</numerusform>
            <numerusform>%Ln Fotos vergessen. Ihre Namen und Alben wurden in {saved} gesichert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Is this them? %Ln suggested face(s)</source>
        <translation>
            <numerusform>Sind sie das? %Ln vorgeschlagenes Gesicht</numerusform>
            <numerusform>Sind sie das? %Ln vorgeschlagene Gesichter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Is this {name}? %Ln suggested face(s)</source>
        <translation>
            <numerusform>Ist das {name}? %Ln vorgeschlagenes Gesicht</numerusform>
            <numerusform>Ist das {name}? %Ln vorgeschlagene Gesichter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept “{name}” and moved %Ln photo(s) to the trash.</source>
        <translation>
            <numerusform>„{name}“ behalten und %Ln Foto in den Papierkorb verschoben.</numerusform>
            <numerusform>„{name}“ behalten und %Ln Fotos in den Papierkorb verschoben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merge %Ln people</source>
        <translation>
            <numerusform>%Ln Person zusammenführen</numerusform>
            <numerusform>%Ln Personen zusammenführen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged %Ln people. Ctrl+Z undoes it.</source>
        <translation>
            <numerusform>%Ln Person zusammengeführt. Strg+Z macht es rückgängig.</numerusform>
            <numerusform>%Ln Personen zusammengeführt. Strg+Z macht es rückgängig.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %Ln face(s) to…</source>
        <translation>
            <numerusform>%Ln Gesicht verschieben zu…</numerusform>
            <numerusform>%Ln Gesichter verschieben zu…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %Ln photo(s) to the trash; {refused} stayed where they are (see details).</source>
        <translation>
            <numerusform>%Ln Foto in den Papierkorb verschoben; {refused} blieben, wo sie sind (siehe Details).</numerusform>
            <numerusform>%Ln Fotos in den Papierkorb verschoben; {refused} blieben, wo sie sind (siehe Details).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>None of your %Ln photo(s) carries a GPS position.</source>
        <translation>
            <numerusform>Ihr %Ln Foto hat keine GPS-Position.</numerusform>
            <numerusform>Keines Ihrer %Ln Fotos hat eine GPS-Position.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>None of your %Ln photo(s) has a capture date (from the camera&apos;s EXIF or a Google Takeout sidecar); copies without one can&apos;t be placed in time.</source>
        <translation>
            <numerusform>Ihr %Ln Foto hat kein Aufnahmedatum (aus den EXIF-Daten der Kamera oder einer Google-Takeout-Begleitdatei); Kopien ohne Datum lassen sich zeitlich nicht einordnen.</numerusform>
            <numerusform>Keines Ihrer %Ln Fotos hat ein Aufnahmedatum (aus den EXIF-Daten der Kamera oder einer Google-Takeout-Begleitdatei); Kopien ohne Datum lassen sich zeitlich nicht einordnen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only folders and photos can be dropped here; %Ln item(s) ignored ({sample}).</source>
        <translation>
            <numerusform>Hier lassen sich nur Ordner und Fotos ablegen; %Ln Element ignoriert ({sample}).</numerusform>
            <numerusform>Hier lassen sich nur Ordner und Fotos ablegen; %Ln Elemente ignoriert ({sample}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed {path} (%Ln photo(s)). Their names and albums were saved to {saved}.</source>
        <translation>
            <numerusform>{path} entfernt (%Ln Foto). Seine Namen und Alben wurden in {saved} gesichert.</numerusform>
            <numerusform>{path} entfernt (%Ln Fotos). Ihre Namen und Alben wurden in {saved} gesichert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Review all (%Ln)</source>
        <translation>
            <numerusform>Alle durchgehen (%Ln)</numerusform>
            <numerusform>Alle durchgehen (%Ln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Show more (%Ln more group(s))</source>
        <translation>
            <numerusform>Mehr anzeigen (%Ln weitere Gruppe)</numerusform>
            <numerusform>Mehr anzeigen (%Ln weitere Gruppen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unknown faces (%Ln)</source>
        <translation>
            <numerusform>Unbekannte Gesichter (%Ln)</numerusform>
            <numerusform>Unbekannte Gesichter (%Ln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (with %Ln RAW file(s))</source>
        <translation>
            <numerusform> (mit %Ln RAW-Datei)</numerusform>
            <numerusform> (mit %Ln RAW-Dateien)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln year(s) ago today</source>
        <translation>
            <numerusform>Heute vor %Ln Jahr</numerusform>
            <numerusform>Heute vor %Ln Jahren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) were not moved to the {trash}; see the details.</source>
        <translation>
            <numerusform>%Ln Datei wurde nicht in den {trash} verschoben; siehe Details.</numerusform>
            <numerusform>%Ln Dateien wurden nicht in den {trash} verschoben; siehe Details.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln item(s) wait for photos not in this library yet.</source>
        <translation>
            <numerusform>; %Ln Eintrag wartet auf Fotos, die noch nicht in dieser Bibliothek sind.</numerusform>
            <numerusform>; %Ln Einträge warten auf Fotos, die noch nicht in dieser Bibliothek sind.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All done: %Ln answered. New suggestions appear as photos are added.</source>
        <translation>
            <numerusform>Fertig: %Ln beantwortet. Neue Vorschläge erscheinen, sobald Fotos hinzukommen.</numerusform>
            <numerusform>Fertig: %Ln beantwortet. Neue Vorschläge erscheinen, sobald Fotos hinzukommen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Keep “{name}” in {folder} and move %Ln other photo(s) (exact copies) to the trash?</source>
        <translation>
            <numerusform>„{name}“ in {folder} behalten und %Ln anderes Foto (exakte Kopie) in den Papierkorb verschieben?</numerusform>
            <numerusform>„{name}“ in {folder} behalten und %Ln andere Fotos (exakte Kopien) in den Papierkorb verschieben?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Keep “{name}” in {folder} and move %Ln other photo(s) (near duplicates: the same picture, not identical files) to the trash?</source>
        <translation>
            <numerusform>„{name}“ in {folder} behalten und %Ln anderes Foto (Beinahe-Duplikat: dasselbe Bild, keine identische Datei) in den Papierkorb verschieben?</numerusform>
            <numerusform>„{name}“ in {folder} behalten und %Ln andere Fotos (Beinahe-Duplikate: dasselbe Bild, keine identischen Dateien) in den Papierkorb verschieben?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Who are these %Ln face(s)?</source>
        <translation>
            <numerusform>Wer ist dieses %Ln Gesicht?</numerusform>
            <numerusform>Wer sind diese %Ln Gesichter?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>one of %Ln photo(s) of an unnamed person: yes adds them all</source>
        <translation>
            <numerusform>eines von %Ln Foto einer namenlosen Person: Ja fügt alle hinzu</numerusform>
            <numerusform>eines von %Ln Fotos einer namenlosen Person: Ja fügt alle hinzu</numerusform>
        </translation>
    </message>
    <message>
        <source>Faces like {name}, most alike first</source>
        <translation>Gesichter wie in {name}, die ähnlichsten zuerst</translation>
    </message>
    <message>
        <source>No face found in {name}.</source>
        <translation>Kein Gesicht in {name} gefunden.</translation>
    </message>
    <message>
        <source>Unknown date</source>
        <translation>Unbekanntes Datum</translation>
    </message>
    <message>
        <source>Diagnostics copied: paste them into your bug report.</source>
        <translation>Diagnose kopiert: fügen Sie sie in Ihren Fehlerbericht ein.</translation>
    </message>
    <message>
        <source>Unnamed person</source>
        <translation>Namenlose Person</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Copy {what} to a folder</source>
        <translation>{what} in einen Ordner kopieren</translation>
    </message>
    <message>
        <source>the album {name}</source>
        <translation>das Album {name}</translation>
    </message>
    <message>
        <source>Export names and albums</source>
        <translation>Namen und Alben exportieren</translation>
    </message>
    <message>
        <source>Import names and albums</source>
        <translation>Namen und Alben importieren</translation>
    </message>
    <message>
        <source>Imported {people} ({faces}) and {albums}</source>
        <translation>{people} ({faces}) und {albums} importiert</translation>
    </message>
    <message>
        <source>Face {id}: {here} here; the file says {file}</source>
        <translation>Gesicht {id}: hier {here}; die Datei sagt {file}</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Changing favourites failed</source>
        <translation>Die Favoriten konnten nicht geändert werden</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>Etwas ist schiefgegangen: {error}</translation>
    </message>
    <message>
        <source>Unexpected error: {error}. PictoPy keeps running; please report this with the details.</source>
        <translation>Unerwarteter Fehler: {error}. PictoPy läuft weiter; bitte melden Sie dies mit den Details.</translation>
    </message>
    <message>
        <source>New person “{name}”</source>
        <translation>Neue Person „{name}“</translation>
    </message>
    <message>
        <source>New person</source>
        <translation>Neue Person</translation>
    </message>
    <message>
        <source>Type a name</source>
        <translation>Einen Namen eingeben</translation>
    </message>
    <message>
        <source>Type to find a person</source>
        <translation>Tippen, um eine Person zu finden</translation>
    </message>
    <message>
        <source>The disk{where} is full: free some space and try again.</source>
        <translation>Der Datenträger{where} ist voll: Geben Sie Speicherplatz frei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source> holding {path}</source>
        <translation> mit {path}</translation>
    </message>
    <message>
        <source> holding the library</source>
        <translation> mit der Bibliothek</translation>
    </message>
    <message>
        <source>Another program is busy with the library: wait for it to finish (or close it) and try again.</source>
        <translation>Ein anderes Programm arbeitet gerade mit der Bibliothek: Warten Sie, bis es fertig ist (oder schließen Sie es), und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Permission denied on {name}: give your user access to it, or choose another location.</source>
        <translation>Kein Zugriff auf {name}: Geben Sie Ihrem Benutzer Zugriff darauf oder wählen Sie einen anderen Ort.</translation>
    </message>
    <message>
        <source>a file</source>
        <translation>eine Datei</translation>
    </message>
    <message>
        <source>{name} is on a read-only disk: choose a writable location (for the library: --data-dir DIR).</source>
        <translation>{name} liegt auf einem schreibgeschützten Datenträger: Wählen Sie einen beschreibbaren Ort (für die Bibliothek: --data-dir ORDNER).</translation>
    </message>
    <message>
        <source>{name} is not a folder (a file is in its path): move that file or choose another location.</source>
        <translation>{name} ist kein Ordner (eine Datei liegt in seinem Pfad): Verschieben Sie diese Datei oder wählen Sie einen anderen Ort.</translation>
    </message>
    <message>
        <source>{name} is a folder where PictoPy needs a file: move it away or choose another location.</source>
        <translation>{name} ist ein Ordner, wo PictoPy eine Datei braucht: Verschieben Sie ihn oder wählen Sie einen anderen Ort.</translation>
    </message>
    <message>
        <source>{name} already exists: move it away or choose another name.</source>
        <translation>{name} existiert bereits: Verschieben Sie es oder wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>{name} does not exist: check the path (is its disk plugged in?).</source>
        <translation>{name} existiert nicht: Prüfen Sie den Pfad (ist sein Datenträger angeschlossen?).</translation>
    </message>
    <message>
        <source>The name {name} is too long for this file system: use a shorter name or path.</source>
        <translation>Der Name {name} ist für dieses Dateisystem zu lang: Verwenden Sie einen kürzeren Namen oder Pfad.</translation>
    </message>
    <message>
        <source>The disk could not read or write {name} (input/output error): check the disk or its connection.</source>
        <translation>Der Datenträger konnte {name} nicht lesen oder schreiben (Ein-/Ausgabefehler): Prüfen Sie den Datenträger oder seine Verbindung.</translation>
    </message>
    <message>
        <source>{name} cannot be reached ({reason}): check the network drive and try again.</source>
        <translation>{name} ist nicht erreichbar ({reason}): Prüfen Sie das Netzlaufwerk und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The library database is read-only: give your user write access to the data dir, or choose another with --data-dir.</source>
        <translation>Die Datenbank der Bibliothek ist schreibgeschützt: Geben Sie Ihrem Benutzer Schreibzugriff auf den Datenordner oder wählen Sie mit --data-dir einen anderen.</translation>
    </message>
    <message>
        <source>The disk could not read or write the library database (disk I/O error): check the disk and try again.</source>
        <translation>Der Datenträger konnte die Datenbank der Bibliothek nicht lesen oder schreiben (Ein-/Ausgabefehler): Prüfen Sie den Datenträger und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The library database cannot be opened: check that the data dir exists and is writable.</source>
        <translation>Die Datenbank der Bibliothek lässt sich nicht öffnen: Prüfen Sie, ob der Datenordner existiert und beschreibbar ist.</translation>
    </message>
    <message>
        <source>PictoPy ran out of memory: close other programs and try again.</source>
        <translation>PictoPy hat keinen Arbeitsspeicher mehr: Schließen Sie andere Programme und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The disk holding the library is full ({where}). Indexing stopped; everything indexed so far is kept. Free some space and index again to continue.</source>
        <translation>Der Datenträger mit der Bibliothek ist voll ({where}). Das Einlesen wurde angehalten; alles bisher Eingelesene bleibt erhalten. Geben Sie Speicherplatz frei und lesen Sie erneut ein, um fortzufahren.</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>kein Zugriff</translation>
    </message>
    <message>
        <source>empty file (0 bytes)</source>
        <translation>leere Datei (0 Byte)</translation>
    </message>
    <message>
        <source>file vanished before it could be read</source>
        <translation>die Datei verschwand, bevor sie gelesen werden konnte</translation>
    </message>
    <message>
        <source>unsupported image format {format}</source>
        <translation>nicht unterstütztes Bildformat {format}</translation>
    </message>
    <message>
        <source>not an image, or an image format PictoPy cannot read</source>
        <translation>kein Bild oder ein Bildformat, das PictoPy nicht lesen kann</translation>
    </message>
    <message>
        <source>truncated or corrupt image data</source>
        <translation>abgeschnittene oder beschädigte Bilddaten</translation>
    </message>
    <message>
        <source>corrupt image ({error})</source>
        <translation>beschädigtes Bild ({error})</translation>
    </message>
    <message>
        <source>not enough memory to decode this image</source>
        <translation>nicht genug Arbeitsspeicher, um dieses Bild zu dekodieren</translation>
    </message>
    <message>
        <source>not a video PictoPy can read</source>
        <translation>kein Video, das PictoPy lesen kann</translation>
    </message>
    <message>
        <source>video has no readable frames</source>
        <translation>das Video hat keine lesbaren Bilder</translation>
    </message>
    <message>
        <source>cannot read file ({error})</source>
        <translation>Datei nicht lesbar ({error})</translation>
    </message>
    <message>
        <source>{count} photo in {root} is offline: {reason}. They keep their names, albums and favourites, and come back when the folder does.</source>
        <translation>{count} Foto in {root} ist offline: {reason}. Es behält seine Namen, Alben und Favoriten und kommt zurück, wenn der Ordner zurückkommt.</translation>
    </message>
    <message>
        <source>{count} photos in {root} are offline: {reason}. They keep their names, albums and favourites, and come back when the folder does.</source>
        <translation>{count} Fotos in {root} sind offline: {reason}. Sie behalten ihre Namen, Alben und Favoriten und kommen zurück, wenn der Ordner zurückkommt.</translation>
    </message>
    <message>
        <source>{count} photo under {root} can&apos;t be seen now (an unreadable folder or a drive that is not connected): kept offline with everything you gave them.</source>
        <translation>{count} Foto unter {root} ist gerade nicht sichtbar (ein unlesbarer Ordner oder ein nicht verbundenes Laufwerk): offline behalten, mit allem, was Sie ihm gegeben haben.</translation>
    </message>
    <message>
        <source>{count} photos under {root} can&apos;t be seen now (an unreadable folder or a drive that is not connected): kept offline with everything you gave them.</source>
        <translation>{count} Fotos unter {root} sind gerade nicht sichtbar (ein unlesbarer Ordner oder ein nicht verbundenes Laufwerk): offline behalten, mit allem, was Sie ihnen gegeben haben.</translation>
    </message>
    <message>
        <source>it is offline: connect its drive to move it to the trash</source>
        <translation>es ist offline: Verbinden Sie sein Laufwerk, um es in den Papierkorb zu verschieben</translation>
    </message>
    <message>
        <source>There is already an album called “{name}”.</source>
        <translation>Es gibt bereits ein Album namens „{name}“.</translation>
    </message>
    <message>
        <source>That album no longer exists.</source>
        <translation>Dieses Album gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>That album name cannot be used: {reason}.</source>
        <translation>Dieser Albumname ist nicht verwendbar: {reason}.</translation>
    </message>
    <message>
        <source>A name cannot be empty.</source>
        <translation>Ein Name darf nicht leer sein.</translation>
    </message>
    <message>
        <source>A name can be at most 200 characters long.</source>
        <translation>Ein Name darf höchstens 200 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>{path} was already restored.</source>
        <translation>{path} wurde bereits wiederhergestellt.</translation>
    </message>
    <message>
        <source>Something else is at {path} now; PictoPy will not overwrite it. Move that file away and restore again.</source>
        <translation>An {path} liegt jetzt etwas anderes; PictoPy überschreibt es nicht. Verschieben Sie diese Datei und stellen Sie erneut wieder her.</translation>
    </message>
    <message>
        <source>{name} is no longer in the trash (it was emptied, or restored from there already).</source>
        <translation>{name} ist nicht mehr im Papierkorb (er wurde geleert oder die Datei wurde dort schon wiederhergestellt).</translation>
    </message>
    <message>
        <source>The folder {folder} is not there (is its drive plugged in?); {name} stays in the trash.</source>
        <translation>Der Ordner {folder} ist nicht da (ist sein Laufwerk angeschlossen?); {name} bleibt im Papierkorb.</translation>
    </message>
    <message>
        <source>{focal} mm ({focal35} mm in 35 mm terms)</source>
        <translation>{focal} mm (entspricht {focal35} mm Kleinbild)</translation>
    </message>
    <message>
        <source>{role} is off: model file {file} is not in {folder}; {hint}.</source>
        <translation>{role} ist aus: Die Modelldatei {file} ist nicht in {folder}; {hint}.</translation>
    </message>
    <message>
        <source>{role} is off: {file} could not be loaded ({error}).</source>
        <translation>{role} ist aus: {file} konnte nicht geladen werden ({error}).</translation>
    </message>
    <message>
        <source>Object tagging</source>
        <translation>Die Objekterkennung</translation>
    </message>
    <message>
        <source>Face detection</source>
        <translation>Die Gesichtserkennung</translation>
    </message>
    <message>
        <source>Face recognition</source>
        <translation>Die Gesichtszuordnung</translation>
    </message>
    <message>
        <source>run `pictopy models download` or set PICTOPY_MODELS_DIR to a folder that holds the models</source>
        <translation>führen Sie `pictopy models download` aus oder setzen Sie PICTOPY_MODELS_DIR auf einen Ordner mit den Modellen</translation>
    </message>
    <message>
        <source>No models can be used: {error}</source>
        <translation>Keine Modelle verwendbar: {error}</translation>
    </message>
    <message>
        <source>No models found: photos are indexed and browsable, and wait for analysis. Run `pictopy models download` (or set PICTOPY_MODELS_DIR) to find tags and faces.</source>
        <translation>Keine Modelle gefunden: Fotos werden eingelesen und lassen sich ansehen; sie warten auf die Analyse. Führen Sie `pictopy models download` aus (oder setzen Sie PICTOPY_MODELS_DIR), um Schlagwörter und Gesichter zu finden.</translation>
    </message>
    <message>
        <source>person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>bicycle</source>
        <translation>Fahrrad</translation>
    </message>
    <message>
        <source>car</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>motorcycle</source>
        <translation>Motorrad</translation>
    </message>
    <message>
        <source>airplane</source>
        <translation>Flugzeug</translation>
    </message>
    <message>
        <source>bus</source>
        <translation>Bus</translation>
    </message>
    <message>
        <source>train</source>
        <translation>Zug</translation>
    </message>
    <message>
        <source>truck</source>
        <translation>Lastwagen</translation>
    </message>
    <message>
        <source>boat</source>
        <translation>Boot</translation>
    </message>
    <message>
        <source>traffic light</source>
        <translation>Ampel</translation>
    </message>
    <message>
        <source>fire hydrant</source>
        <translation>Hydrant</translation>
    </message>
    <message>
        <source>stop sign</source>
        <translation>Stoppschild</translation>
    </message>
    <message>
        <source>parking meter</source>
        <translation>Parkuhr</translation>
    </message>
    <message>
        <source>bench</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>bird</source>
        <translation>Vogel</translation>
    </message>
    <message>
        <source>cat</source>
        <translation>Katze</translation>
    </message>
    <message>
        <source>dog</source>
        <translation>Hund</translation>
    </message>
    <message>
        <source>horse</source>
        <translation>Pferd</translation>
    </message>
    <message>
        <source>sheep</source>
        <translation>Schaf</translation>
    </message>
    <message>
        <source>cow</source>
        <translation>Kuh</translation>
    </message>
    <message>
        <source>elephant</source>
        <translation>Elefant</translation>
    </message>
    <message>
        <source>bear</source>
        <translation>Bär</translation>
    </message>
    <message>
        <source>zebra</source>
        <translation>Zebra</translation>
    </message>
    <message>
        <source>giraffe</source>
        <translation>Giraffe</translation>
    </message>
    <message>
        <source>backpack</source>
        <translation>Rucksack</translation>
    </message>
    <message>
        <source>umbrella</source>
        <translation>Regenschirm</translation>
    </message>
    <message>
        <source>handbag</source>
        <translation>Handtasche</translation>
    </message>
    <message>
        <source>tie</source>
        <translation>Krawatte</translation>
    </message>
    <message>
        <source>suitcase</source>
        <translation>Koffer</translation>
    </message>
    <message>
        <source>frisbee</source>
        <translation>Frisbee</translation>
    </message>
    <message>
        <source>skis</source>
        <translation>Ski</translation>
    </message>
    <message>
        <source>snowboard</source>
        <translation>Snowboard</translation>
    </message>
    <message>
        <source>sports ball</source>
        <translation>Ball</translation>
    </message>
    <message>
        <source>kite</source>
        <translation>Drachen</translation>
    </message>
    <message>
        <source>baseball bat</source>
        <translation>Baseballschläger</translation>
    </message>
    <message>
        <source>baseball glove</source>
        <translation>Baseballhandschuh</translation>
    </message>
    <message>
        <source>skateboard</source>
        <translation>Skateboard</translation>
    </message>
    <message>
        <source>surfboard</source>
        <translation>Surfbrett</translation>
    </message>
    <message>
        <source>tennis racket</source>
        <translation>Tennisschläger</translation>
    </message>
    <message>
        <source>bottle</source>
        <translation>Flasche</translation>
    </message>
    <message>
        <source>wine glass</source>
        <translation>Weinglas</translation>
    </message>
    <message>
        <source>cup</source>
        <translation>Tasse</translation>
    </message>
    <message>
        <source>fork</source>
        <translation>Gabel</translation>
    </message>
    <message>
        <source>knife</source>
        <translation>Messer</translation>
    </message>
    <message>
        <source>spoon</source>
        <translation>Löffel</translation>
    </message>
    <message>
        <source>bowl</source>
        <translation>Schüssel</translation>
    </message>
    <message>
        <source>banana</source>
        <translation>Banane</translation>
    </message>
    <message>
        <source>apple</source>
        <translation>Apfel</translation>
    </message>
    <message>
        <source>sandwich</source>
        <translation>Sandwich</translation>
    </message>
    <message>
        <source>orange</source>
        <translation>Orange</translation>
    </message>
    <message>
        <source>broccoli</source>
        <translation>Brokkoli</translation>
    </message>
    <message>
        <source>carrot</source>
        <translation>Karotte</translation>
    </message>
    <message>
        <source>hot dog</source>
        <translation>Hotdog</translation>
    </message>
    <message>
        <source>pizza</source>
        <translation>Pizza</translation>
    </message>
    <message>
        <source>donut</source>
        <translation>Donut</translation>
    </message>
    <message>
        <source>cake</source>
        <translation>Kuchen</translation>
    </message>
    <message>
        <source>chair</source>
        <translation>Stuhl</translation>
    </message>
    <message>
        <source>couch</source>
        <translation>Sofa</translation>
    </message>
    <message>
        <source>potted plant</source>
        <translation>Topfpflanze</translation>
    </message>
    <message>
        <source>bed</source>
        <translation>Bett</translation>
    </message>
    <message>
        <source>dining table</source>
        <translation>Esstisch</translation>
    </message>
    <message>
        <source>toilet</source>
        <translation>Toilette</translation>
    </message>
    <message>
        <source>tv</source>
        <translation>Fernseher</translation>
    </message>
    <message>
        <source>laptop</source>
        <translation>Laptop</translation>
    </message>
    <message>
        <source>mouse</source>
        <translation>Maus</translation>
    </message>
    <message>
        <source>remote</source>
        <translation>Fernbedienung</translation>
    </message>
    <message>
        <source>keyboard</source>
        <translation>Tastatur</translation>
    </message>
    <message>
        <source>cell phone</source>
        <translation>Handy</translation>
    </message>
    <message>
        <source>microwave</source>
        <translation>Mikrowelle</translation>
    </message>
    <message>
        <source>oven</source>
        <translation>Ofen</translation>
    </message>
    <message>
        <source>toaster</source>
        <translation>Toaster</translation>
    </message>
    <message>
        <source>sink</source>
        <translation>Spüle</translation>
    </message>
    <message>
        <source>refrigerator</source>
        <translation>Kühlschrank</translation>
    </message>
    <message>
        <source>book</source>
        <translation>Buch</translation>
    </message>
    <message>
        <source>clock</source>
        <translation>Uhr</translation>
    </message>
    <message>
        <source>vase</source>
        <translation>Vase</translation>
    </message>
    <message>
        <source>scissors</source>
        <translation>Schere</translation>
    </message>
    <message>
        <source>teddy bear</source>
        <translation>Teddybär</translation>
    </message>
    <message>
        <source>hair drier</source>
        <translation>Föhn</translation>
    </message>
    <message>
        <source>toothbrush</source>
        <translation>Zahnbürste</translation>
    </message>
</context>
</TS>
