package loader

import "testing"

// TestDetectByContentThenExtension: what a file holds decides, whatever it
// is called; the extension only where the content does not say.
func TestDetectByContentThenExtension(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"clip.md", "---\ntitle: A\n---\nBody", "markdown"},
		{"clip.txt", "\ufeff---\r\ntitle: A\r\n---\r\n", "markdown"},
		{"clip", "\n\n---\nurl: https://a.example/\n---\n", "markdown"},
		{"x.txt", "---- a rule, not front matter\n", ""},
		{"page.txt", "<!DOCTYPE html><html><body><p>x</p></body></html>", "html"},
		{"page", "<!-- saved from url=(0022)https://a.example/ -->\n<html>", "html"},
		{"page.bin", "  <HTML lang=en><head><title>x</title>", "html"},
		{"frag.htm", "<div><p>Only a fragment</p></div>", "html"},
		{"frag.txt", "<div><p>Only a fragment</p></div>", ""},
		{"feed", `<?xml version="1.0"?><rss version="2.0"><channel>`, "rss"},
		{"feed.txt", "<?xml version=\"1.0\"?>\n<!-- generator -->\n<?xml-stylesheet href=\"s.xsl\"?>\n<rss>", "rss"},
		{"feed.xml", `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`, "rdf"},
		{"feed.xml", `<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>`, "atom"},
		{"feed.xml", `<atom:feed xmlns:atom="http://www.w3.org/2005/Atom">`, "atom"},
		{"bomb.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY a \"<feed>\">\n]>\n<rss>", "rss"},
		{"other.xml", `<?xml version="1.0"?><catalogue/>`, ""},
		{"feed.json", `{"version": "https://jsonfeed.org/version/1.1", "items": []}`, "jsonfeed"},
		{"feed", "{\n  \"title\": \"x\",\n  \"version\":\"https://jsonfeed.org/version/1\"}", "jsonfeed"},
		{"data.json", `{"version": "2", "items": []}`, ""},
		{"msg", "From: A <a@b.example>\nSubject: Hi\nDate: Mon, 3 Mar 2025 10:00:00 +0000\n\nBody", "eml"},
		{"msg", "Received: from x\n\tby y\nFrom: a@b.example\nTo: c@d.example\n\nBody", "eml"},
		{"Maildir/cur/17.M1:2,S", "Subject: Hi\r\nFrom: a@b.example\r\n\r\nBody", "maildir"},
		{"Maildir/new/17.M1", "Subject: Hi\nFrom: a@b.example\n\nBody", "maildir"},
		{"box", "From a@b.example Mon Mar  3 10:00:00 2025\nFrom: a@b.example\nSubject: Hi\n\nBody\n", "mbox"},
		{"msg.eml", "Just text someone named .eml", "eml"},
		{"x.mbox", "", ""},
		// Dumps and prose stay with the dump parser.
		{"dump.txt", "Update: ferries resume\nSubject: the timetable changes on Monday.\n", ""},
		{"dump.txt", "From the archive: harbour in 1920\nPictures of the old quay.\n", ""},
		{"dump.txt", "Subject: ferries\nDate: today\nThe ferries resume on Monday, the harbour office said.\n", ""},
		{"dump.txt", "Harbour authority approves night ferries\nPORTMERE, March 3 (Esker Wire) - ...\n", ""},
	} {
		if got := detect(c.name, []byte(c.text)); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.name, c.text, got, c.want)
		}
	}
}
