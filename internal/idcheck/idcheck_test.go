package idcheck

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// withCheck appends the resident ID check character to 17 digits.
func withCheck(t testing.TB, body string) string {
	t.Helper()
	c, err := ResidentIDCheckChar(body)
	if err != nil {
		t.Fatalf("ResidentIDCheckChar(%q): %v", body, err)
	}
	return body + string(c)
}

// wrongLast replaces the last character of id with another valid-looking one.
func wrongLast(id string) string {
	if id[17] == '0' {
		return id[:17] + "1"
	}
	return id[:17] + "0"
}

// withCreditCheck appends the GB 32100 check character to 17 characters.
func withCreditCheck(t testing.TB, body string) string {
	t.Helper()
	c, err := CreditCodeCheckChar(body)
	if err != nil {
		t.Fatalf("CreditCodeCheckChar(%q): %v", body, err)
	}
	return body + string(c)
}

// creditWithOrg builds a complete credit code from its first 8 characters
// and the 8 body characters of the organisation code.
func creditWithOrg(t testing.TB, head8, org8 string) string {
	t.Helper()
	c, err := OrganizationCodeCheckChar(org8)
	if err != nil {
		t.Fatalf("OrganizationCodeCheckChar(%q): %v", org8, err)
	}
	return withCreditCheck(t, head8+org8+string(c))
}

func TestResidentIDCheckChar(t *testing.T) {
	tests := []struct {
		body string
		want byte
	}{
		{"11010519491231002", 'X'}, // the example published with GB 11643-1999
		{"41010219900101123", '4'}, // sum 151, 151 mod 11 = 8 -> '4'
		{"41020320000229002", '5'}, // sum 150, 150 mod 11 = 7 -> '5'
	}
	for _, tt := range tests {
		got, err := ResidentIDCheckChar(tt.body)
		if err != nil {
			t.Fatalf("ResidentIDCheckChar(%q): %v", tt.body, err)
		}
		if got != tt.want {
			t.Errorf("ResidentIDCheckChar(%q) = %c, want %c", tt.body, got, tt.want)
		}
	}
	for _, bad := range []string{"", "1101051949123100", "110105194912310021", "1101051949123100X", "１1010519491231002"} {
		if _, err := ResidentIDCheckChar(bad); err == nil {
			t.Errorf("ResidentIDCheckChar(%q) accepted", bad)
		}
	}
}

func TestResidentID(t *testing.T) {
	zhengzhou := withCheck(t, "41010219900101123")       // Henan, born 1990-01-01, male
	kaifeng := withCheck(t, "41020320000229002")         // born on a leap day, female
	hongKong := withCheck(t, "81000019800515003")        // Hong Kong resident, code 81
	earliest := withCheck(t, "41010219000101001")        // born 1900-01-01
	today := time.Now().In(chinaZone).Format("20060102") // born today (China time)
	born := withCheck(t, "410102"+today+"002")
	tomorrow := time.Now().In(chinaZone).AddDate(0, 0, 2).Format("20060102")

	valid := []struct {
		name, in, want string
	}{
		{"published example", "11010519491231002X", "11010519491231002X"},
		{"lowercase x", "11010519491231002x", "11010519491231002X"},
		{"surrounding spaces", "  11010519491231002X\t\n", "11010519491231002X"},
		{"ideographic space and full width", "\u3000１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"},
		{"Henan", zhengzhou, zhengzhou},
		{"leap day", kaifeng, kaifeng},
		{"Hong Kong", hongKong, hongKong},
		{"born 1900-01-01", earliest, earliest},
		{"born today", born, born},
	}
	for _, tt := range valid {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ResidentID(tt.in)
			if err != nil {
				t.Fatalf("ResidentID(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ResidentID(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}

	invalid := []struct {
		name, in string
		kind     error
		msg      string // the whole message when not empty
	}{
		{"empty", "", ErrLength, "resident ID number must have 18 characters, has 0"},
		{"17 characters", "11010519491231002", ErrLength, ""},
		{"19 characters", "11010519491231002X1", ErrLength, ""},
		{"old 15-digit number", "110105491231002", ErrLength, "resident ID number has 15 digits: that is the old first-generation number; enter the 18-character number"},
		{"inner space", "110105 19491231002X", ErrLength, ""},
		{"letter in body", "1101051949123100AX", ErrFormat, "resident ID number character 17 must be a digit"},
		{"non-ASCII in body", "1101051949123é002X", ErrFormat, "resident ID number character 14 must be a digit"},
		{"bad last character", "11010519491231002Y", ErrFormat, "resident ID number last character must be a digit or X"},
		{"non-ASCII last character", "11010519491231002é", ErrFormat, "resident ID number last character must be a digit or X"},
		{"province 00", withCheck(t, "00010519491231002"), ErrRegion, "resident ID number does not start with a valid province code"},
		{"province 10", withCheck(t, "10010519491231002"), ErrRegion, ""},
		{"province 16", withCheck(t, "16010519491231002"), ErrRegion, ""},
		{"province 47", withCheck(t, "47010519491231002"), ErrRegion, ""},
		{"province 83 (Taiwan residence permit)", withCheck(t, "83000019800515003"), ErrRegion, ""},
		{"province 99", withCheck(t, "99010519491231002"), ErrRegion, ""},
		{"1900 is not a leap year", withCheck(t, "41010219000229001"), ErrBirthDate, "resident ID number birth date (digits 7-14) is not a real date"},
		{"February 30", withCheck(t, "41010219900230001"), ErrBirthDate, ""},
		{"month 13", withCheck(t, "41010219901301001"), ErrBirthDate, ""},
		{"month 00", withCheck(t, "41010219900001001"), ErrBirthDate, ""},
		{"day 00", withCheck(t, "41010219900100001"), ErrBirthDate, ""},
		{"day 32", withCheck(t, "41010219900132001"), ErrBirthDate, ""},
		{"before 1900", withCheck(t, "41010218991231001"), ErrBirthDate, "resident ID number birth date (digits 7-14) is before 1900"},
		{"in the future", withCheck(t, "410102"+tomorrow+"001"), ErrBirthDate, "resident ID number birth date (digits 7-14) is in the future"},
		{"year 2099", withCheck(t, "41010220990101001"), ErrBirthDate, ""},
		{"wrong check character", "110105194912310021", ErrChecksum, "resident ID number check character is wrong: expected X"},
		{"wrong check digit", wrongLast(zhengzhou), ErrChecksum, ""},
		{"X where a digit is due", zhengzhou[:17] + "X", ErrChecksum, ""},
		{"two digits swapped", "11010519491213002X", ErrChecksum, ""},
	}
	for _, tt := range invalid {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ResidentID(tt.in)
			if err == nil {
				t.Fatalf("ResidentID(%q) = %q, want an error", tt.in, got)
			}
			if got != "" {
				t.Errorf("ResidentID(%q) returned %q with an error", tt.in, got)
			}
			if !errors.Is(err, tt.kind) {
				t.Errorf("ResidentID(%q) error %q is not %v", tt.in, err, tt.kind)
			}
			var e *Error
			if !errors.As(err, &e) || e.Field != FieldResidentID {
				t.Errorf("ResidentID(%q) error %#v is not an *Error for %q", tt.in, err, FieldResidentID)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("ResidentID(%q) error = %q, want %q", tt.in, err, tt.msg)
			}
			if len(tt.in) >= 6 && strings.Contains(err.Error(), tt.in[:6]) {
				t.Errorf("error %q repeats the input", err)
			}
		})
	}
}

func TestResidentIDCheckCharCoversAllResults(t *testing.T) {
	// Varying the sequence code must produce every one of the 11 check characters.
	seen := map[byte]bool{}
	for seq := range 1000 {
		id := withCheck(t, fmt.Sprintf("41010219900101%03d", seq))
		if _, err := ResidentID(id); err != nil {
			t.Fatalf("generated %q: %v", id, err)
		}
		seen[id[17]] = true
	}
	if len(seen) != 11 {
		t.Errorf("check characters seen: %d, want 11", len(seen))
	}
}

func TestMaskResidentID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"410102199001011234", "4101**********1234"},
		{"11010519491231002X", "1101**********002X"},
		{" 11010519491231002X ", "1101**********002X"},
		{"", ""},
		{"1", "*"},
		{"12", "**"},
		{"123", "*23"},
		{"110105491231002", "*************02"},
		{"41010219900101123", "***************23"},
		{"4101021990010112345", "*****************45"},
		{"身份证号码不是十八个字", "*********个字"},
		{"一二三四五六七八九十一二三四五六七八", "一二三四**********五六七八"},
	}
	for _, tt := range tests {
		if got := MaskResidentID(tt.in); got != tt.want {
			t.Errorf("MaskResidentID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBirthDateAndGender(t *testing.T) {
	tests := []struct {
		id   string
		date string
		sex  Sex
	}{
		{"11010519491231002X", "1949-12-31", Female}, // 17th digit 2
		{withCheck(t, "41010219900101123"), "1990-01-01", Male},
		{withCheck(t, "41020320000229002"), "2000-02-29", Female},
		{withCheck(t, "41020320000229009"), "2000-02-29", Male},
		{withCheck(t, "41020320000229000"), "2000-02-29", Female},
	}
	for _, tt := range tests {
		d, err := BirthDate(tt.id)
		if err != nil {
			t.Fatalf("BirthDate(%q): %v", tt.id, err)
		}
		if got := d.Format("2006-01-02"); got != tt.date || d.Location() != time.UTC || d.Hour() != 0 {
			t.Errorf("BirthDate(%q) = %v, want %s midnight UTC", tt.id, d, tt.date)
		}
		s, err := Gender(tt.id)
		if err != nil {
			t.Fatalf("Gender(%q): %v", tt.id, err)
		}
		if s != tt.sex {
			t.Errorf("Gender(%q) = %s, want %s", tt.id, s, tt.sex)
		}
	}
	if _, err := BirthDate("110105194912310021"); !errors.Is(err, ErrChecksum) {
		t.Errorf("BirthDate of an invalid number: %v, want ErrChecksum", err)
	}
	if _, err := Gender("1101"); !errors.Is(err, ErrLength) {
		t.Errorf("Gender of an invalid number: %v, want ErrLength", err)
	}
}

func TestOrganizationCodeCheckChar(t *testing.T) {
	tests := []struct {
		body string
		want byte
	}{
		{"M000100Y", '4'}, // from 91350100M000100Y43
		{"60003734", '1'}, // from 91110000600037341L
		{"MB2C0754", '9'}, // from 12440600MB2C07549J: only the GB 11714 letter values give 9
		{"00000000", '0'}, // 11 - 0 = 11 -> 0
		{"00000006", 'X'}, // 11 - 6*2 mod 11 = 10 -> X
	}
	for _, tt := range tests {
		got, err := OrganizationCodeCheckChar(tt.body)
		if err != nil {
			t.Fatalf("OrganizationCodeCheckChar(%q): %v", tt.body, err)
		}
		if got != tt.want {
			t.Errorf("OrganizationCodeCheckChar(%q) = %c, want %c", tt.body, got, tt.want)
		}
	}
	for _, bad := range []string{"", "M000100", "M000100Y4", "m000100Y", "M000100-"} {
		if _, err := OrganizationCodeCheckChar(bad); err == nil {
			t.Errorf("OrganizationCodeCheckChar(%q) accepted", bad)
		}
	}
}

func TestCreditCodeCheckChar(t *testing.T) {
	tests := []struct {
		body string
		want byte
	}{
		{"91350100M000100Y4", '3'},
		{"91110000600037341", 'L'},
		{"12440600MB2C07549", 'J'},
	}
	for _, tt := range tests {
		got, err := CreditCodeCheckChar(tt.body)
		if err != nil {
			t.Fatalf("CreditCodeCheckChar(%q): %v", tt.body, err)
		}
		if got != tt.want {
			t.Errorf("CreditCodeCheckChar(%q) = %c, want %c", tt.body, got, tt.want)
		}
	}
	for _, bad := range []string{"", "91350100M000100Y", "91350100M000100Y43", "91350100I000100Y4", "91350100m000100Y4"} {
		if _, err := CreditCodeCheckChar(bad); err == nil {
			t.Errorf("CreditCodeCheckChar(%q) accepted", bad)
		}
	}
}

func TestCreditCode(t *testing.T) {
	national := creditWithOrg(t, "12100000", "40000000") // a central public institution: division 100000
	zhengzhou := creditWithOrg(t, "91410100", "MA3XABCD")
	cooperative := creditWithOrg(t, "93410102", "MA12345Y")
	union := creditWithOrg(t, "81410000", "00000006") // organisation check character X
	militaryReform := creditWithOrg(t, "A1410100", "MA000001")
	agriculture := creditWithOrg(t, "N2410100", "MA000002")
	other := creditWithOrg(t, "Y1410100", "MA000003")

	valid := []struct{ name, in, want string }{
		{"brief's example (Fuzhou enterprise)", "91350100M000100Y43", "91350100M000100Y43"},
		{"Beijing enterprise", "91110000600037341L", "91110000600037341L"},
		{"Foshan public institution", "12440600MB2C07549J", "12440600MB2C07549J"},
		{"lower case and spaces", " 91350100m000100y43 ", "91350100M000100Y43"},
		{"full width", "９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43"},
		{"national level division 100000", national, national},
		{"Zhengzhou enterprise", zhengzhou, zhengzhou},
		{"farmers' cooperative", cooperative, cooperative},
		{"trade union", union, union},
		{"authority A", militaryReform, militaryReform},
		{"authority N", agriculture, agriculture},
		{"authority Y", other, other},
	}
	for _, tt := range valid {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CreditCode(tt.in)
			if err != nil {
				t.Fatalf("CreditCode(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("CreditCode(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}

	invalid := []struct {
		name, in string
		kind     error
		msg      string
	}{
		{"empty", "", ErrLength, "unified social credit code must have 18 characters, has 0"},
		{"17 characters", "91350100M000100Y4", ErrLength, ""},
		{"old 15-digit registration number", "410100000012345", ErrLength, ""},
		{"letter I", "91350100I000100Y43", ErrFormat, "unified social credit code character 9 is not allowed (only digits and the letters other than I, O, S, V, Z)"},
		{"letter O", "91350100O000100Y43", ErrFormat, ""},
		{"letter S", "9135010S0000100Y43", ErrFormat, ""},
		{"letter V", "91350100V000100Y43", ErrFormat, ""},
		{"letter Z", "91350100M000100Y4Z", ErrFormat, ""},
		{"hyphen", "91350100-000100Y43", ErrFormat, ""},
		{"authority 0", withCreditCheck(t, "01350100M000100Y4"), ErrFormat, "unified social credit code first character (registration authority) must be one of 1-9, A, N, Y"},
		{"authority B", withCreditCheck(t, "B1350100M000100Y4"), ErrFormat, ""},
		{"type 0", withCreditCheck(t, "90350100M000100Y4"), ErrFormat, "unified social credit code second character (organisation type) must be a digit from 1 to 9"},
		{"type letter", withCreditCheck(t, "9A350100M000100Y4"), ErrFormat, ""},
		{"letter in division", withCreditCheck(t, "913501A0M000100Y4"), ErrFormat, "unified social credit code character 7 must be a digit (characters 3-8 are a division code)"},
		{"division 000000", withCreditCheck(t, "91000000M000100Y4"), ErrRegion, "unified social credit code characters 3-8 are not a valid division code"},
		{"division 990000", withCreditCheck(t, "91990000M000100Y4"), ErrRegion, ""},
		{"division 100100", withCreditCheck(t, "91100100M000100Y4"), ErrRegion, ""},
		{"letter as organisation check", withCreditCheck(t, "91350100M000100YA"), ErrFormat, "unified social credit code character 17 (the organisation code's check character) must be a digit or X"},
		{"organisation check wrong", withCreditCheck(t, "91350100M000100Y5"), ErrChecksum, "unified social credit code organisation code (characters 9-17) fails its check: a character is mistyped"},
		{"organisation code mistyped", withCreditCheck(t, "91350100M000101Y4"), ErrChecksum, ""},
		{"check character wrong", "91350100M000100Y44", ErrChecksum, "unified social credit code check character is wrong: expected 3"},
		{"authority mistyped", "51350100M000100Y43", ErrChecksum, ""},
		{"resident ID number", "11010519491231002X", ErrRegion, ""},
	}
	for _, tt := range invalid {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CreditCode(tt.in)
			if err == nil {
				t.Fatalf("CreditCode(%q) = %q, want an error", tt.in, got)
			}
			if !errors.Is(err, tt.kind) {
				t.Errorf("CreditCode(%q) error %q is not %v", tt.in, err, tt.kind)
			}
			var e *Error
			if !errors.As(err, &e) || e.Field != FieldCreditCode {
				t.Errorf("CreditCode(%q) error %#v is not an *Error for %q", tt.in, err, FieldCreditCode)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("CreditCode(%q) error = %q, want %q", tt.in, err, tt.msg)
			}
		})
	}
}

func TestDivisionCode(t *testing.T) {
	for _, ok := range []string{"410000", "410100", "411700", "419001", "410181", "411729", "110000", "650000", "710000", "810000", "820000"} {
		if err := DivisionCode(ok); err != nil {
			t.Errorf("DivisionCode(%q): %v", ok, err)
		}
	}
	tests := []struct {
		in   string
		kind error
	}{
		{"", ErrLength},
		{"41000", ErrLength},
		{"4100000", ErrLength},
		{" 410000", ErrLength},
		{"41000A", ErrFormat},
		{"４１００００", ErrFormat},
		{"000000", ErrRegion},
		{"100000", ErrRegion}, // national level: only valid inside a credit code
		{"160000", ErrRegion},
		{"470000", ErrRegion},
		{"830000", ErrRegion},
		{"990000", ErrRegion},
	}
	for _, tt := range tests {
		err := DivisionCode(tt.in)
		if !errors.Is(err, tt.kind) {
			t.Errorf("DivisionCode(%q) = %v, want %v", tt.in, err, tt.kind)
		}
		var e *Error
		if err != nil && (!errors.As(err, &e) || e.Field != FieldDivisionCode) {
			t.Errorf("DivisionCode(%q) error %#v is not an *Error for %q", tt.in, err, FieldDivisionCode)
		}
	}
}
