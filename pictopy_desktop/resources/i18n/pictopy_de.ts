<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>pictopy</name>
    <message>
        <source>Delete album</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the album “{name}”?
Its photos stay in your library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {path} from the library?
The files on disk are not touched. The names, albums and favourites of its photos are saved to a file first (Settings → Import… puts them back).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PictoPy cannot open its library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New album</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy photos to a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete album…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New album…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rescan all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rescan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from library…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeping one frees about {size}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open as gallery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look at the photos side by side in the viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look for duplicates again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recently removed…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What PictoPy moved to the trash, with a way back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No duplicates found. Exact copies and the same picture saved at other sizes show up here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbnail size (Ctrl+wheel over the photos)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep shapes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows that keep each photo&apos;s shape (justified), instead of square tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate left  ([)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate right  (])</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from favourites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to favourites  (.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add {photos} to album</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from “{album}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open with the default app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy image  (Ctrl+C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move {photos} to the {trash}  (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file manager opened the log folder; it is {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About PictoPy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: looking for photos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PictoPy&apos;s library is damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repair restores the latest good backup, or else rebuilds the library from what can still be read; the damaged file is kept beside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The daily backup of the library was not made: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing on this computer could open {url}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PictoPy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search people, things, albums, folders, dates, favourites…  (e.g. “Alice dog”, “2019”), or drop a photo of a face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a folder of photos to the library (or drop one onto the window)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More menus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Things and faces are off: some models are missing. Open Settings → Models to download them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trips and events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a folder of photos to the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export names and albums…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save people&apos;s names, albums and favourites to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import names and albums…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply names and albums exported from another PictoPy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bigger thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Smaller thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the app&apos;s log files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About PictoPy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same person?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge {what} into {name}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this unnamed person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models folder: {where}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠  Tags and faces are off until the models are here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓  Models ready: things and faces are found as photos are added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to PictoPy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a folder of photos to start, or drop a folder onto this window.
PictoPy finds the people and things in them — everything stays on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or drop a folder here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the selected people together as one person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faces not in anyone yet: name them or move them to a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show hidden people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regroup faces now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group faces into people again now; names and your corrections are kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden people, regroup faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No people yet.
Faces found in your photos are grouped into people here as photos are analysed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this person again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faces — right-click one to move it to someone else or remove it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is someone already in People: put the two together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This person no longer exists (merged or removed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No unknown faces: every face found belongs to someone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A name can&apos;t be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the person this face belongs to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use as cover photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the face out of this person; it will not be put back by re-clustering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not everything came back from the trash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not copy {name}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ All countries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in map ↗</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recently removed by PictoPy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PictoPy has not moved anything to the trash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put {name} back in {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} was not restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photos yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Favourites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No favourites yet.
Click the heart in the viewer, or select photos and press “.”, to add them here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Places</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Things</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Albums</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recently removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search: “{text}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the folder&apos;s photos (the files are not touched)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look for new, changed and deleted photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export names and albums…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save people&apos;s names, face assignments, albums and favourites, to bring them to another computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders in your library:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moving to a new computer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Things: minimum confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faces: minimum confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lower finds more (and more mistakes). New thresholds apply to photos analysed from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> new photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regroup faces into people after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbnail memory cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library data: {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System follows your computer&apos;s light or dark setting as it changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes when PictoPy starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes: put this face with {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No: not this person; it will not be suggested for them again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is this them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go through the suggestions one key press each: Y yes, N no, S skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review suggested faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes  (Y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No  (N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip  (S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{position} of {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to jump through the years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline scrubber</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget them…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove these photos from the library for good (the files are not touched)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget offline and missing photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position in the video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the position in your web browser (OpenStreetMap)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the gallery (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous (Left arrow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next (Right arrow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit to window (F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual size (1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show face boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the info panel (I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Favourite (.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play in your video player (P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full screen  (F11, double-click)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slideshow  (S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slideshow: next photo every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes, this is {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No, not {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find photos with this face</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln country(-ies)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln face(s) not in anyone yet. Select faces of one person and name them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln face(s) were left as they are here (Ctrl+Z takes the import back).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) could not be read.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) unreadable</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of your photos has a capture date, but none was taken on this day in an earlier year, and no day or trip holds %1 of them yet.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln on this day</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln person(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln place(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trip(s) and event(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln waiting for analysis</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %Ln photo(s) of {what}{raws} to {dest}; {failed} could not be copied.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Forget %Ln photo(s) for good, with their names, albums and favourites?
They are saved to a file first (Import… puts them back if the photos return). The files are not touched.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Is this them? %Ln suggested face(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Is this {name}? %Ln suggested face(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merge %Ln people</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %Ln face(s) to…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %Ln photo(s) to the trash; {refused} stayed where they are (see details).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>None of your %Ln photo(s) carries a GPS position.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>None of your %Ln photo(s) has a capture date (from the camera&apos;s EXIF or a Google Takeout sidecar); copies without one can&apos;t be placed in time.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only folders and photos can be dropped here; %Ln item(s) ignored ({sample}).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Review all (%Ln)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Show more (%Ln more group(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unknown faces (%Ln)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
