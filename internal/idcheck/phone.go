package idcheck

import "regexp"

var phonePattern = regexp.MustCompile(`^\+?[0-9 -]{5,20}$`)

// Phone reports whether s looks like a phone number: 5 to 20 digits,
// spaces or dashes, an optional leading +. (The PWA's public notice page
// checks the same pattern before sending.)
func Phone(s string) bool { return phonePattern.MatchString(s) }
