<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>pictopy</name>
    <message numerus="yes">
        <source>%Ln album(s)</source>
        <translation>
            <numerusform>%Ln album</numerusform>
            <numerusform>%Ln albums</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln analysed</source>
        <translation>
            <numerusform>%Ln analysed</numerusform>
            <numerusform>%Ln analysed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln back</source>
        <translation>
            <numerusform>%Ln back</numerusform>
            <numerusform>%Ln back</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln country(-ies)</source>
        <translation>
            <numerusform>%Ln country</numerusform>
            <numerusform>%Ln countries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln extra copy(-ies)</source>
        <translation>
            <numerusform>%Ln extra copy</numerusform>
            <numerusform>%Ln extra copies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln face(s)</source>
        <translation>
            <numerusform>%Ln face</numerusform>
            <numerusform>%Ln faces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln face(s) not in anyone yet. Select faces of one person and name them.</source>
        <translation>
            <numerusform>%Ln face not in anyone yet. Select faces of one person and name them.</numerusform>
            <numerusform>%Ln faces not in anyone yet. Select faces of one person and name them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln face(s) were left as they are here (Ctrl+Z takes the import back).</source>
        <translation>
            <numerusform>%Ln face was left as it is here (Ctrl+Z takes the import back).</numerusform>
            <numerusform>%Ln faces were left as they are here (Ctrl+Z takes the import back).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln file</numerusform>
            <numerusform>%Ln files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) could not be read.</source>
        <translation>
            <numerusform>%Ln file could not be read.</numerusform>
            <numerusform>%Ln files could not be read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) unreadable</source>
        <translation>
            <numerusform>%Ln file unreadable</numerusform>
            <numerusform>%Ln files unreadable</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln folder(s) in the library</source>
        <translation>
            <numerusform>%Ln folder in the library</numerusform>
            <numerusform>%Ln folders in the library</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln group(s)</source>
        <translation>
            <numerusform>%Ln group</numerusform>
            <numerusform>%Ln groups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) were not read: pipes, devices or links leading out of the library.</source>
        <translation>
            <numerusform>%Ln item was not read: pipes, devices or links leading out of the library.</numerusform>
            <numerusform>%Ln items were not read: pipes, devices or links leading out of the library.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln keyword(s) from the photos&apos; metadata</source>
        <translation>
            <numerusform>%Ln keyword from the photos&apos; metadata</numerusform>
            <numerusform>%Ln keywords from the photos&apos; metadata</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln kind(s) of thing found in your photos</source>
        <translation>
            <numerusform>%Ln kind of thing found in your photos</numerusform>
            <numerusform>%Ln kinds of thing found in your photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln missing (kept for now)</source>
        <translation>
            <numerusform>%Ln missing (kept for now)</numerusform>
            <numerusform>%Ln missing (kept for now)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln moved</source>
        <translation>
            <numerusform>%Ln moved</numerusform>
            <numerusform>%Ln moved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new or changed</source>
        <translation>
            <numerusform>%Ln new or changed</numerusform>
            <numerusform>%Ln new or changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of your photos has a capture date, but none was taken on this day in an earlier year, and no day or trip holds %1 of them yet.</source>
        <translation>
            <numerusform>%Ln of your photos has a capture date, but none was taken on this day in an earlier year, and no day or trip holds %1 of them yet.</numerusform>
            <numerusform>%Ln of your photos have a capture date, but none was taken on this day in an earlier year, and no day or trip holds %1 of them yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln offline (kept)</source>
        <translation>
            <numerusform>%Ln offline (kept)</numerusform>
            <numerusform>%Ln offline (kept)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln on this day</source>
        <translation>
            <numerusform>%Ln on this day</numerusform>
            <numerusform>%Ln on this day</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln person(s)</source>
        <translation>
            <numerusform>%Ln person</numerusform>
            <numerusform>%Ln people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln photo</numerusform>
            <numerusform>%Ln photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s) missing (the file is gone)</source>
        <translation>
            <numerusform>%Ln photo missing (the file is gone)</numerusform>
            <numerusform>%Ln photos missing (the file is gone)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln photo(s) offline (the drive or folder holding them can&apos;t be reached)</source>
        <translation>
            <numerusform>%Ln photo offline (the drive or folder holding it can&apos;t be reached)</numerusform>
            <numerusform>%Ln photos offline (the drive or folder holding them can&apos;t be reached)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln place(s)</source>
        <translation>
            <numerusform>%Ln place</numerusform>
            <numerusform>%Ln places</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln removed</source>
        <translation>
            <numerusform>%Ln removed</numerusform>
            <numerusform>%Ln removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rotated photo(s) were copied unturned: their format cannot be turned without losing quality.</source>
        <translation>
            <numerusform>%Ln rotated photo was copied unturned: its format cannot be turned without losing quality.</numerusform>
            <numerusform>%Ln rotated photos were copied unturned: their format cannot be turned without losing quality.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln sidecar(s) could not be written; the photos and the library are unchanged.</source>
        <translation>
            <numerusform>%Ln sidecar could not be written; the photos and the library are unchanged.</numerusform>
            <numerusform>%Ln sidecars could not be written; the photos and the library are unchanged.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trip(s) and event(s)</source>
        <translation>
            <numerusform>%Ln trip or event</numerusform>
            <numerusform>%Ln trips and events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln waiting for analysis</source>
        <translation>
            <numerusform>%Ln waiting for analysis</numerusform>
            <numerusform>%Ln waiting for analysis</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %Ln photo(s) to “{album}”.</source>
        <translation>
            <numerusform>Added %Ln photo to “{album}”.</numerusform>
            <numerusform>Added %Ln photos to “{album}”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Album “{name}” created with %Ln photo(s).</source>
        <translation>
            <numerusform>Album “{name}” created with %Ln photo.</numerusform>
            <numerusform>Album “{name}” created with %Ln photos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %Ln photo(s) of {what}{raws} to {dest}.</source>
        <translation>
            <numerusform>Copied %Ln photo of {what}{raws} to {dest}.</numerusform>
            <numerusform>Copied %Ln photos of {what}{raws} to {dest}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %Ln photo(s) of {what}{raws} to {dest}; {failed} could not be copied.</source>
        <translation>
            <numerusform>Copied %Ln photo of {what}{raws} to {dest}; {failed} could not be copied.</numerusform>
            <numerusform>Copied %Ln photos of {what}{raws} to {dest}; {failed} could not be copied.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln person(s) and {albums} to {path}.</source>
        <translation>
            <numerusform>Exported %Ln person and {albums} to {path}.</numerusform>
            <numerusform>Exported %Ln people and {albums} to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Forget %Ln photo(s) for good, with their names, albums and favourites?
They are saved to a file first (Import… puts them back if the photos return). The files are not touched.</source>
        <translation>
            <numerusform>Forget %Ln photo for good, with its names, albums and favourites?
They are saved to a file first (Import… puts them back if the photo returns). The files are not touched.</numerusform>
            <numerusform>Forget %Ln photos for good, with their names, albums and favourites?
They are saved to a file first (Import… puts them back if the photos return). The files are not touched.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Forgot %Ln photo(s). Their names and albums were saved to {saved}.</source>
        <translation>
            <numerusform>Forgot %Ln photo. Its names and albums were saved to {saved}.</numerusform>
            <numerusform>Forgot %Ln photos. Their names and albums were saved to {saved}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Is this them? %Ln suggested face(s)</source>
        <translation>
            <numerusform>Is this them? %Ln suggested face</numerusform>
            <numerusform>Is this them? %Ln suggested faces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Is this {name}? %Ln suggested face(s)</source>
        <translation>
            <numerusform>Is this {name}? %Ln suggested face</numerusform>
            <numerusform>Is this {name}? %Ln suggested faces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept “{name}” and moved %Ln photo(s) to the trash.</source>
        <translation>
            <numerusform>Kept “{name}” and moved %Ln photo to the trash.</numerusform>
            <numerusform>Kept “{name}” and moved %Ln photos to the trash.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merge %Ln people</source>
        <translation>
            <numerusform>Merge %Ln person</numerusform>
            <numerusform>Merge %Ln people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged %Ln people. Ctrl+Z undoes it.</source>
        <translation>
            <numerusform>Merged %Ln people. Ctrl+Z undoes it.</numerusform>
            <numerusform>Merged %Ln people. Ctrl+Z undoes it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %Ln face(s) to…</source>
        <translation>
            <numerusform>Move %Ln face to…</numerusform>
            <numerusform>Move %Ln faces to…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %Ln photo(s) to the trash; {refused} stayed where they are (see details).</source>
        <translation>
            <numerusform>Moved %Ln photo to the trash; {refused} stayed where they are (see details).</numerusform>
            <numerusform>Moved %Ln photos to the trash; {refused} stayed where they are (see details).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>None of your %Ln photo(s) carries a GPS position.</source>
        <translation>
            <numerusform>Your %Ln photo carries no GPS position.</numerusform>
            <numerusform>None of your %Ln photos carries a GPS position.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>None of your %Ln photo(s) has a capture date (from the camera&apos;s EXIF or a Google Takeout sidecar); copies without one can&apos;t be placed in time.</source>
        <translation>
            <numerusform>Your %Ln photo has no capture date (from the camera&apos;s EXIF or a Google Takeout sidecar); copies without one can&apos;t be placed in time.</numerusform>
            <numerusform>None of your %Ln photos has a capture date (from the camera&apos;s EXIF or a Google Takeout sidecar); copies without one can&apos;t be placed in time.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only folders and photos can be dropped here; %Ln item(s) ignored ({sample}).</source>
        <translation>
            <numerusform>Only folders and photos can be dropped here; %Ln item ignored ({sample}).</numerusform>
            <numerusform>Only folders and photos can be dropped here; %Ln items ignored ({sample}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed {path} (%Ln photo(s)). Their names and albums were saved to {saved}.</source>
        <translation>
            <numerusform>Removed {path} (%Ln photo). Its names and albums were saved to {saved}.</numerusform>
            <numerusform>Removed {path} (%Ln photos). Their names and albums were saved to {saved}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Review all (%Ln)</source>
        <translation>
            <numerusform>Review all (%Ln)</numerusform>
            <numerusform>Review all (%Ln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Show more (%Ln more group(s))</source>
        <translation>
            <numerusform>Show more (%Ln more group)</numerusform>
            <numerusform>Show more (%Ln more groups)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unknown faces (%Ln)</source>
        <translation>
            <numerusform>Unknown faces (%Ln)</numerusform>
            <numerusform>Unknown faces (%Ln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (with %Ln RAW file(s))</source>
        <translation>
            <numerusform> (with %Ln RAW file)</numerusform>
            <numerusform> (with %Ln RAW files)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln year(s) ago today</source>
        <translation>
            <numerusform>%Ln year ago today</numerusform>
            <numerusform>%Ln years ago today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) were not moved to the {trash}; see the details.</source>
        <translation>
            <numerusform>%Ln file was not moved to the {trash}; see the details.</numerusform>
            <numerusform>%Ln files were not moved to the {trash}; see the details.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln item(s) wait for photos not in this library yet.</source>
        <translation>
            <numerusform>; %Ln item waits for photos not in this library yet.</numerusform>
            <numerusform>; %Ln items wait for photos not in this library yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All done: %Ln answered. New suggestions appear as photos are added.</source>
        <translation>
            <numerusform>All done: %Ln answered. New suggestions appear as photos are added.</numerusform>
            <numerusform>All done: %Ln answered. New suggestions appear as photos are added.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Keep “{name}” in {folder} and move %Ln other photo(s) (exact copies) to the trash?</source>
        <translation>
            <numerusform>Keep “{name}” in {folder} and move %Ln other photo (an exact copy) to the trash?</numerusform>
            <numerusform>Keep “{name}” in {folder} and move %Ln other photos (exact copies) to the trash?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Keep “{name}” in {folder} and move %Ln other photo(s) (near duplicates: the same picture, not identical files) to the trash?</source>
        <translation>
            <numerusform>Keep “{name}” in {folder} and move %Ln other photo (a near duplicate: the same picture, not an identical file) to the trash?</numerusform>
            <numerusform>Keep “{name}” in {folder} and move %Ln other photos (near duplicates: the same picture, not identical files) to the trash?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Who are these %Ln face(s)?</source>
        <translation>
            <numerusform>Who is this %Ln face?</numerusform>
            <numerusform>Who are these %Ln faces?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>one of %Ln photo(s) of an unnamed person: yes adds them all</source>
        <translation>
            <numerusform>one of %Ln photo of an unnamed person: yes adds them all</numerusform>
            <numerusform>one of %Ln photos of an unnamed person: yes adds them all</numerusform>
        </translation>
    </message>
</context>
</TS>
