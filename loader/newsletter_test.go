package loader

import "testing"

// TestNewsletterFooterVariants: the footer lines of mailing tools, in many
// invented wordings of each kind, are furniture; text that only uses
// their words is not.
func TestNewsletterFooterVariants(t *testing.T) {
	footer := map[string][]string{
		"browser": {
			"View this email in your browser", "View in browser", "View in your browser: https://tidewatch.example/view/311",
			"Having trouble viewing this email? View it online", "Email not displaying correctly? View it in your browser.",
			"Can't see this email? Click here", "Read online", "View online version", "Open in browser",
			"View the web version", "Read this issue on the web", "Problems viewing this newsletter? Read it as a web page",
		},
		"unsubscribe": {
			"Unsubscribe", "Unsubscribe here", "Click here to unsubscribe", "To unsubscribe, click here.",
			"Unsubscribe from this list", "You can unsubscribe at any time.", "If you no longer wish to receive these emails, unsubscribe here.",
			"Don't want these emails? Unsubscribe", "Opt out", "Stop receiving these emails", "Unsubscribe instantly",
		},
		"preferences": {
			"Update your preferences", "Manage your preferences", "Update preferences", "Manage subscription",
			"Change your email preferences", "Manage your email settings", "Update your profile", "Email preferences",
			"Why did I get this? Update your preferences", "Edit your subscription",
			"Want to change how you receive these emails? You can update your preferences or unsubscribe from this list.",
		},
		"forward": {
			"Forward to a friend", "Forward this email to a friend", "Share this newsletter", "Know someone who'd like this? Forward it.",
			"Was this forwarded to you? Sign up here", "Forwarded this email? Subscribe here.", "Send to a friend",
			"Tell a friend", "Share with a friend", "Forward this newsletter to a colleague",
		},
		"several": {
			"Unsubscribe | Update your preferences", "View in browser · Forward to a friend • Unsubscribe",
		},
	}
	for kind, lines := range footer {
		if len(lines) < 10 && kind != "several" {
			t.Errorf("%s: only %d variants", kind, len(lines))
		}
		for _, l := range lines {
			if !isNewsletterFooter(l) {
				t.Errorf("%s: %q is not taken for a footer line", kind, l)
			}
		}
	}
	for _, l := range []string{
		"Read the guide first.", "Share prices fell on Monday.", "View from the bridge", "Readers who unsubscribe lose access.",
		"Subscribers can update their preferences in the app, the company said.", "Forward planning starts in May.",
		"Open", "Read", "Send", "Unsubscribe | The week on the estuary", "The new hide opens on Saturday.",
		"Update: ferries resume", "Tell a friend about the count, the warden said, and bring binoculars.",
	} {
		if isNewsletterFooter(l) {
			t.Errorf("%q is taken for a footer line", l)
		}
	}
}
